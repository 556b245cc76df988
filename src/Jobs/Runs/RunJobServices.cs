using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Jobs.Runs;

/// <summary>What every job's run plumbing needs, injected as one so job classes list only their own dependencies.</summary>
public sealed record RunJobServices(RunStore Store, LocalRuns LocalRuns, IOptions<RunOptions> Options, ILoggerFactory LoggerFactory);
