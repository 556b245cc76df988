using Portal.Domain.Monitoring;
using Radzen;

namespace Portal.Components.Pages.Monitoring;

internal static class MetricFormat
{
    public static string Value(MetricDefinition metric, double? value) => value is not { } v
        ? "–"
        : metric.Unit switch
        {
            "%" => $"{v:0.0}%",
            "ms" => $"{v:N0} ms",
            "per hour" => $"{v:N0}/h",
            _ => v.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
        };

    public static BadgeStyle Badge(string severity) => severity == AlertSeverity.Critical ? BadgeStyle.Danger : BadgeStyle.Warning;
}
