namespace Portal.Domain.Slots;

/// <summary>The leadership slots every company has. Flags, because one title can fill several ("CEO &amp; CFO").</summary>
[Flags]
public enum SlotTypes
{
    None = 0,
    Ceo = 1,
    Cfo = 2,
    Hr = 4,
}

public static class SlotTypeNames
{
    public const string Ceo = "CEO";
    public const string Cfo = "CFO";
    public const string Hr = "HR";

    public static readonly IReadOnlyList<string> All = [Ceo, Cfo, Hr];

    public static IReadOnlyList<string> Names(this SlotTypes types) =>
        [.. All.Where(name => types.HasFlag(Parse(name)))];

    public static SlotTypes Parse(string name) => name switch
    {
        Ceo => SlotTypes.Ceo,
        Cfo => SlotTypes.Cfo,
        Hr => SlotTypes.Hr,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Slot types are CEO, CFO and HR."),
    };
}

/// <summary>Slot status values as stored in <c>marketing.company_slot.status</c>.</summary>
public static class SlotStatus
{
    public const string Filled = "filled";
    public const string Open = "open";
    public const string ClosedMissing = "closed_missing";

    public static readonly IReadOnlyList<string> All = [Filled, Open, ClosedMissing];
}

/// <summary>Fill-rate targets of seed 000, in percent.</summary>
public static class SlotFillTargets
{
    public static readonly IReadOnlyDictionary<string, double> Percent = new Dictionary<string, double>
    {
        [SlotTypeNames.Ceo] = 80,
        [SlotTypeNames.Cfo] = 70,
        [SlotTypeNames.Hr] = 60,
    };
}
