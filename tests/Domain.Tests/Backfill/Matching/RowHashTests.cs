using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class RowHashTests
{
    [Fact]
    public void Of_IsTheMd5OfTheTerminatedCells()
    {
        // Reference values from Python: hashlib.md5("a\x1fb\x1f".encode()).hexdigest() and of "Acme Corp\x1f\x00\x1f\x1f".
        RowHash.Of(["a", "b"]).ShouldBe("8b2a2b285a7c4c25943d87c33e53d56c");
        RowHash.Of(["Acme Corp", null, ""]).ShouldBe("3911b01a24fa4273846c94443cb5550c");
    }

    [Fact]
    public void Of_IsDeterministic()
    {
        string?[] row = ["Acme Corp", "acme.com", "John Smith", null, "20"];

        RowHash.Of(row).ShouldBe(RowHash.Of([.. row]));
        RowHash.Of(row).ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public void Of_IgnoresWhitespaceAroundValues() =>
        RowHash.Of(["  Acme Corp\t", " ", "John Smith "]).ShouldBe(RowHash.Of(["Acme Corp", "", "John Smith"]));

    [Fact]
    public void Of_KeepsInnerWhitespace_Case_NullVersusEmpty_AndCellBoundaries()
    {
        var original = RowHash.Of(["Acme Corp", "", "John"]);

        RowHash.Of(["Acme  Corp", "", "John"]).ShouldNotBe(original);
        RowHash.Of(["ACME Corp", "", "John"]).ShouldNotBe(original);
        RowHash.Of(["Acme Corp", null, "John"]).ShouldNotBe(original);
        RowHash.Of(["Acme Corp", "", "John", ""]).ShouldNotBe(original);
        RowHash.Of(["Acme", "Corp", "John"]).ShouldNotBe(RowHash.Of(["Acme Corp", "John"]));
        RowHash.Of([]).ShouldNotBe(RowHash.Of([""]));
    }

    [Fact]
    public void Of_CannotBeFooledBySeparatorsInsideCells()
    {
        RowHash.Of(["a\u001Fb"]).ShouldNotBe(RowHash.Of(["a", "b"]));
        RowHash.Of(["\u0000"]).ShouldNotBe(RowHash.Of([null]));
        RowHash.Of(["a\u001B", "b"]).ShouldNotBe(RowHash.Of(["a", "\u001Bb"]));
    }

    [Fact]
    public void Of_HandlesLongRows() =>
        RowHash.Of([new string('x', 5000), "y"]).ShouldNotBe(RowHash.Of([new string('x', 4999), "y"]));
}
