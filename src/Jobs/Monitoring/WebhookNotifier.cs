using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Monitoring;
using Portal.Domain.Persistence;

namespace Portal.Jobs.Monitoring;

public sealed record DeliverySummary(int Delivered, int Retrying, int GaveUp);

/// <summary>
/// POSTs due alert notifications to the configured webhook. A failure (no answer in time, or a status that is not
/// 2xx) is retried after the configured delays; each attempt's outcome is kept on the notification (the delivery
/// log on the Monitoring page).
/// </summary>
public sealed class WebhookNotifier(IDbContextFactory<PortalDbContext> contexts, IHttpClientFactory http, IOptions<MonitoringOptions> options, TimeProvider time)
{
    public const string HttpClientName = "alert-webhook";

    public async Task<DeliverySummary> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookUrl is null)
        {
            return new DeliverySummary(0, 0, 0);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.AlertNotifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id).Take(100).ToListAsync(cancellationToken);
        int delivered = 0, retrying = 0, gaveUp = 0;
        var client = http.CreateClient(HttpClientName);
        foreach (var notification in due)
        {
            notification.Attempts++;
            var (ok, status, error) = await SendAsync(client, settings, notification.Payload, cancellationToken);
            notification.LastStatusCode = status;
            notification.LastError = error;
            if (ok)
            {
                notification.Status = NotificationStatus.Delivered;
                notification.DeliveredAt = time.GetUtcNow();
                delivered++;
            }
            else if (notification.Attempts > settings.WebhookRetryDelays.Count)
            {
                notification.Status = NotificationStatus.Failed;
                gaveUp++;
            }
            else
            {
                notification.NextAttemptAt = time.GetUtcNow() + settings.WebhookRetryDelays[notification.Attempts - 1];
                retrying++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new DeliverySummary(delivered, retrying, gaveUp);
    }

    private static async Task<(bool Ok, int? Status, string? Error)> SendAsync(HttpClient client, MonitoringOptions settings, string payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret), Encoding.UTF8.GetBytes(payload));
            request.Headers.Add("X-Portal-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.WebhookTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? (true, (int)response.StatusCode, null)
                : (false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null, $"no answer within {settings.WebhookTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return (false, null, ex.Message);
        }
    }
}
