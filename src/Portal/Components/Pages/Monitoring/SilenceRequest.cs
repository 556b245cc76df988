namespace Portal.Components.Pages.Monitoring;

public sealed record SilenceRequest(DateTimeOffset Until, string Reason);
