using Portal.Domain.Backfill.Review;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Review;

public sealed class FieldDiffTests
{
    [Theory]
    [InlineData("CFO", "CFO", FieldComparison.Same)]
    [InlineData("john.smith@acme.com", " John.Smith@ACME.com ", FieldComparison.Same)]
    [InlineData("VP Finance", "CFO", FieldComparison.Different)]
    [InlineData("+15551234567", null, FieldComparison.OnlyIncoming)]
    [InlineData("", "Smith", FieldComparison.OnlyExisting)]
    [InlineData(null, " ", FieldComparison.Empty)]
    public void Classify_TellsWhatLinkingWouldMeanForTheField(string? incoming, string? existing, FieldComparison expected) =>
        FieldDiff.Classify(incoming, existing).ShouldBe(expected);

    [Fact]
    public void Compare_KeepsTheFieldOrder()
    {
        var diffs = FieldDiff.Compare([("full_name", "Bob Johnson", "Robert Johnson"), ("title", "CFO", "CFO")]);

        diffs.Select(d => (d.Field, d.Comparison)).ShouldBe([("full_name", FieldComparison.Different), ("title", FieldComparison.Same)]);
    }
}
