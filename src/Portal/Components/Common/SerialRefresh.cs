namespace Portal.Components.Common;

/// <summary>
/// Runs one refresh at a time on a component's dispatcher; requests that arrive meanwhile cause exactly
/// one more. Overlapping reads could finish out of order and leave an older state on screen.
/// </summary>
public sealed class SerialRefresh(Func<Task> refresh)
{
    private bool running;
    private bool again;

    public async Task RequestAsync()
    {
        if (running)
        {
            again = true;
            return;
        }

        running = true;
        try
        {
            do
            {
                again = false;
                await refresh();
            }
            while (again);
        }
        finally
        {
            running = false;
        }
    }
}
