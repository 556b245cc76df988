using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Api;

internal static class RunsApi
{
    public static async Task<JsonElement> PollAsync(HttpClient client, long runId, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", TestContext.Current.CancellationToken)).GetProperty("run");
            if (until(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} is still {run.GetProperty("status")}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
