using System.Globalization;

namespace Portal.Domain.Scheduling;

/// <summary>
/// Says a Quartz cron expression (seconds minutes hours day-of-month month day-of-week) in words for the
/// common shapes operators use; anything else is shown as the expression itself.
/// </summary>
public static class CronDescription
{
    public static string Describe(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "on demand";
        }

        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 6 or > 7)
        {
            return cron;
        }

        var (seconds, minutes, hours, dayOfMonth, month, dayOfWeek) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
        var everyDay = IsAny(dayOfMonth) && IsAny(month) && IsAny(dayOfWeek);
        if (!everyDay)
        {
            var onWeekdaysOnly = IsAny(dayOfMonth) && IsAny(month) && IsNumber(seconds) && IsNumber(minutes) && IsNumber(hours);
            return onWeekdaysOnly ? $"{Weekdays(dayOfWeek)} at {Time(hours, minutes)}" : cron;
        }

        if (Step(seconds) is { } secondStep && minutes == "*" && hours == "*")
        {
            return secondStep == 1 ? "every second" : $"every {secondStep} seconds";
        }

        if (!IsNumber(seconds))
        {
            return cron;
        }

        if (minutes == "*" && hours == "*")
        {
            return "every minute";
        }

        if (Step(minutes) is { } minuteStep && hours == "*")
        {
            return minuteStep == 1 ? "every minute" : $"every {minuteStep} minutes";
        }

        if (IsNumber(minutes) && hours == "*")
        {
            return $"every hour at minute {int.Parse(minutes, CultureInfo.InvariantCulture)}";
        }

        if (IsNumber(minutes) && Step(hours) is { } hourStep)
        {
            return hourStep == 1 ? $"every hour at minute {int.Parse(minutes, CultureInfo.InvariantCulture)}" : $"every {hourStep} hours at minute {int.Parse(minutes, CultureInfo.InvariantCulture)}";
        }

        return IsNumber(minutes) && IsNumber(hours) ? $"every day at {Time(hours, minutes)}" : cron;
    }

    private static bool IsAny(string field) => field is "*" or "?";

    private static bool IsNumber(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    // "*/5" or "0/5" means every 5 units.
    private static int? Step(string field)
    {
        var slash = field.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var start = field[..slash];
        return start is "*" or "0" && int.TryParse(field[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    private static string Time(string hours, string minutes) =>
        $"{int.Parse(hours, CultureInfo.InvariantCulture):00}:{int.Parse(minutes, CultureInfo.InvariantCulture):00}";

    private static string Weekdays(string dayOfWeek) => dayOfWeek.ToUpperInvariant() switch
    {
        "MON-FRI" or "2-6" => "every weekday",
        "SAT,SUN" or "1,7" => "every weekend day",
        _ => $"on {dayOfWeek}",
    };
}
