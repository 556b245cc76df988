using Portal.Domain.Csv;
using Shouldly;

namespace Portal.Domain.Tests.Csv;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+15551234567", "'+15551234567")]
    [InlineData("-5", "'-5")]
    [InlineData("@Eve", "'@Eve")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Acme", "Acme")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Neutralize_PrefixesOnlyCellsASpreadsheetWouldRun(string? cell, string expected) =>
        CsvCells.Neutralize(cell).ShouldBe(expected);

    [Fact]
    public void Line_QuotesCommasQuotesAndLineBreaks_AndEndsWithCrLf() =>
        CsvCells.Line(["Acme, Inc.", "say \"hi\"", "two\nlines", "plain", null]).ShouldBe("\"Acme, Inc.\",\"say \"\"hi\"\"\",\"two\nlines\",plain,\r\n");

    [Fact]
    public void Line_NeutralizesBeforeQuoting() =>
        CsvCells.Line(["=HYPERLINK(\"x\")"]).ShouldBe("\"'=HYPERLINK(\"\"x\"\")\"\r\n");
}
