using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class LinkedInUrlTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/john-smith/", "linkedin.com/in/john-smith")]
    [InlineData("http://LinkedIn.com/in/John-Smith", "linkedin.com/in/john-smith")]
    [InlineData("  www.linkedin.com/in/john-smith?trk=public_profile#about ", "linkedin.com/in/john-smith")]
    [InlineData("https://uk.linkedin.com/in/john-smith//", "linkedin.com/in/john-smith")]
    [InlineData("linkedin.com/in/john-smith", "linkedin.com/in/john-smith")]
    public void Normalize_StripsProtocolWwwQueryAndTrailingSlash(string url, string expected) =>
        LinkedInUrl.Normalize(url).ShouldBe(expected);

    [Fact]
    public void Normalize_ReturnsNull_ForBlank()
    {
        LinkedInUrl.Normalize(null).ShouldBeNull();
        LinkedInUrl.Normalize(" https:// ").ShouldBeNull();
    }

    [Fact]
    public void Same_ComparesCanonicalForms_AndNeverMatchesBlanks()
    {
        LinkedInUrl.Same("https://www.linkedin.com/in/john-smith/", "linkedin.com/in/John-Smith").ShouldBeTrue();
        LinkedInUrl.Same("linkedin.com/in/john-smith", "linkedin.com/in/john-smith-2").ShouldBeFalse();
        LinkedInUrl.Same(null, "").ShouldBeFalse();
    }
}
