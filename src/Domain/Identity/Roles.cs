namespace Portal.Domain.Identity;

/// <summary>The three roles; each includes the rights of the ones before it.</summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>Role names that satisfy a requirement of <paramref name="role"/> (higher roles included).</summary>
    public static IReadOnlyList<string> AtLeast(string role) => role switch
    {
        Viewer => All,
        Operator => [Operator, Admin],
        Admin => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
