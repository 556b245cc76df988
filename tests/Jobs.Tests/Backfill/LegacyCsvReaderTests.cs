using System.Text;
using Portal.Jobs.Backfill;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>Reading legacy CSVs: encodings, header aliases, and malformed rows that must get an outcome, not stop the file.</summary>
public sealed class LegacyCsvReaderTests
{
    private static List<LegacyCsvRow> Read(string csv, out LegacyHeaderMapping header) => Read(Encoding.UTF8.GetBytes(csv), out header);

    private static List<LegacyCsvRow> Read(byte[] bytes, out LegacyHeaderMapping header)
    {
        using var reader = new LegacyCsvReader(new MemoryStream(bytes));
        header = reader.Header;
        return [.. reader.ReadRows()];
    }

    [Fact]
    public void Utf8WithBom_IsReadAndTheBomIsNotPartOfTheFirstHeader()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("company_name,full_name\nAcme,José Müller\n")).ToArray();

        var rows = Read(bytes, out var header);

        header.Columns.Keys.ShouldBe(["company_name", "full_name"], ignoreOrder: true);
        header.Unmapped.ShouldBeEmpty();
        rows.Single().Row!.FullName.ShouldBe("José Müller");
        rows.Single().Error.ShouldBeNull();
    }

    [Fact]
    public void Windows1252Bytes_AreReadAsWindows1252()
    {
        var bytes = Encoding.ASCII.GetBytes("company_name,full_name,notes\nM\u0000ller GmbH,Hans M\u0000ller,Price \u0000 10\n");
        bytes[Array.IndexOf(bytes, (byte)0)] = 0xFC;
        bytes[Array.IndexOf(bytes, (byte)0)] = 0xFC;
        bytes[Array.IndexOf(bytes, (byte)0)] = 0x80;

        using var reader = new LegacyCsvReader(new MemoryStream(bytes));
        var row = reader.ReadRows().Single();

        row.Row!.CompanyName.ShouldBe("Müller GmbH");
        row.Row.FullName.ShouldBe("Hans Müller");
        row.Row.Notes.ShouldBe("Price € 10");
        reader.Windows1252Bytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void MixedFile_KeepsUtf8AndReadsTheInvalidBytesAs1252()
    {
        var bytes = Encoding.UTF8.GetBytes("company_name,full_name\nAcme,José\nBeta,M?ller\n");
        bytes[Array.LastIndexOf(bytes, (byte)'?')] = 0xFC;

        var rows = Read(bytes, out _);

        rows.Select(r => r.Row!.FullName).ShouldBe(["José", "Müller"]);
    }

    [Theory]
    [InlineData("Company", "company_name")]
    [InlineData("Company Name", "company_name")]
    [InlineData("ORGANIZATION", "company_name")]
    [InlineData("Name", "full_name")]
    [InlineData("Full Name", "full_name")]
    [InlineData("contact", "full_name")]
    [InlineData("Email Address", "email")]
    [InlineData("E-mail", "email")]
    [InlineData("Website", "company_website")]
    [InlineData("URL", "company_website")]
    [InlineData("LinkedIn", "linkedin_url")]
    [InlineData("LinkedIn URL", "linkedin_url")]
    [InlineData("linkedin_profile", "linkedin_url")]
    [InlineData("Opens", "historical_open_count")]
    [InlineData("Replies", "historical_reply_count")]
    [InlineData("Meetings", "historical_meeting_count")]
    [InlineData(" Historical_Open_Count ", "historical_open_count")]
    [InlineData("last engaged at", "last_engaged_at")]
    [InlineData("Job Title", "title")]
    public void HeaderAliases_MapToCanonicalColumns(string header, string column) =>
        LegacyColumns.Canonical(header).ShouldBe(column);

    [Fact]
    public void Header_ListsUnmappedAndMissingRequiredColumns()
    {
        var rows = Read("Organization,Email Address,Favourite Colour\nAcme,a@acme.com,blue\n", out var header);

        header.Columns["company_name"].ShouldBe(0);
        header.Columns["email"].ShouldBe(1);
        header.Unmapped.ShouldBe(["Favourite Colour"]);
        header.MissingRequired.ShouldBe(["full_name"]);
        rows.Single().Error.ShouldBe("full_name is required but blank");
    }

    [Fact]
    public void WrongColumnCount_IsAnErrorRow_AndTheFileGoesOn()
    {
        var rows = Read("company_name,full_name,title\nAcme,Ann,CEO\nBeta,Bob\nGamma,Gil,CFO,extra\nDelta,Dan,HR\n", out _);

        rows.Select(r => (r.RowNumber, r.Error is null)).ShouldBe([(1, true), (2, false), (3, false), (4, true)]);
        rows[1].Error!.ShouldStartWith("wrong column count: 2 cells");
        rows[1].Row.ShouldBeNull();
        rows[2].Error!.ShouldStartWith("wrong column count: 4 cells");
        rows[3].Row!.CompanyName.ShouldBe("Delta");
    }

    [Fact]
    public void UnclosedQuote_IsOneErrorRow_AndTheFollowingLinesAreStillRows()
    {
        var rows = Read("company_name,full_name,title\nAcme,\"Ann,CEO\nBeta,Bob,CFO\nGamma,Gil,HR\n", out _);

        rows.Count.ShouldBe(3);
        rows[0].Error!.ShouldContain("quote");
        rows[0].Cells.ShouldBe(["Acme,\"Ann,CEO"]);
        rows[1].Row!.CompanyName.ShouldBe("Beta");
        rows[2].Row!.FullName.ShouldBe("Gil");
        rows.Select(r => r.RowNumber).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void UnclosedQuote_ClosedByALaterQuote_StillLosesNoRow()
    {
        var rows = Read("company_name,full_name,notes\nAcme,\"Ann,x\nBeta,Bob,\"quoted, note\"\nGamma,Gil,ok\n", out _);

        rows.Count.ShouldBe(3);
        rows[0].Error.ShouldNotBeNull();
        rows[1].Row!.Notes.ShouldBe("quoted, note");
        rows[2].Row!.CompanyName.ShouldBe("Gamma");
    }

    [Fact]
    public void QuotedLineBreaks_AndEscapedQuotes_AreData()
    {
        var rows = Read("company_name,full_name,notes\n\"Acme, Inc.\",Ann,\"line one\nline \"\"two\"\"\"\nBeta,Bob,\n", out _);

        rows.Count.ShouldBe(2);
        rows[0].Row!.CompanyName.ShouldBe("Acme, Inc.");
        rows[0].Row!.Notes.ShouldBe("line one\nline \"two\"");
        rows[1].Error.ShouldBeNull();
    }

    [Fact]
    public void ABlankName_IsAnError_ABlankCompanyIsLeftToTheImport_AndTheRowIsKept()
    {
        var rows = Read("company_name,full_name\n,Ann\nAcme,\n ,  \n", out _);

        rows.Select(r => r.Error).ShouldBe([null, "full_name is required but blank", "full_name is required but blank"]);
        rows.ShouldAllBe(r => r.Row != null);
    }

    [Fact]
    public void AOneMegabyteCell_IsRead()
    {
        var big = new string('x', 1024 * 1024);
        var rows = Read($"company_name,full_name,notes\nAcme,Ann,{big}\nBeta,Bob,small\n", out _);

        rows.Count.ShouldBe(2);
        rows[0].Row!.Notes!.Length.ShouldBe(big.Length);
        rows[1].Row!.Notes.ShouldBe("small");
    }

    [Fact]
    public void FormulaLikeCells_AreKeptAsData()
    {
        var rows = Read("company_name,full_name,phone,notes\n=HYPERLINK(\"http://x\"),@Ann,+1 555 123 4567,\"=SUM(A1:A2)\"\n-Acme,Bob,-2,=1+1\n", out _);

        rows[0].Row!.CompanyName.ShouldBe("=HYPERLINK(\"http://x\")");
        rows[0].Row!.FullName.ShouldBe("@Ann");
        rows[0].Row!.Phone.ShouldBe("+1 555 123 4567");
        rows[0].Row!.Notes.ShouldBe("=SUM(A1:A2)");
        rows[1].Row!.CompanyName.ShouldBe("-Acme");
        rows[1].Row!.Notes.ShouldBe("=1+1");
    }

    [Fact]
    public void CrLfLineEnds_AndBlankLines_AreHandled()
    {
        var rows = Read("company_name,full_name\r\nAcme,Ann\r\n\r\nBeta,Bob\r\n", out _);

        rows.Select(r => r.Row!.CompanyName).ShouldBe(["Acme", "Beta"]);
        rows.Select(r => r.RowNumber).ShouldBe([1, 2]);
    }

    [Fact]
    public void Preview_ReturnsMappingNormalizedRowsAndIssues()
    {
        const string csv = "Company,Name,Email Address,Opens,Replies,Shoe Size\n" +
            "ACME CORPORATION,Mr. JOHN SMITH,John.Smith@acme.com; jsmith@gmail.com,-3,lots,42\n" +
            "Beta,,b@beta.com,1,2,3\n" +
            "Gamma,Gil\n" +
            "Delta LLC,Dana Doe,dana@delta.com,4,0,9\n";

        var preview = LegacyCsvReader.Preview(new MemoryStream(Encoding.UTF8.GetBytes(csv)), maxRows: 3);

        preview.Header.Unmapped.ShouldBe(["Shoe Size"]);
        preview.Rows.Count.ShouldBe(3);
        preview.Rows[0].Normalized!.CompanyName.ShouldBe("Acme");
        preview.Rows[0].Normalized!.FullName.ShouldBe("John Smith");
        preview.Rows[0].Normalized!.Email.ShouldBe("john.smith@acme.com");
        preview.Issues.ShouldContain(i => i.RowNumber == 1 && i.Column == "historical_open_count" && i.Severity == LegacyIssueSeverity.Warning);
        preview.Issues.ShouldContain(i => i.RowNumber == 1 && i.Column == "historical_reply_count" && i.Severity == LegacyIssueSeverity.Warning);
        preview.Issues.ShouldContain(i => i.RowNumber == 2 && i.Column == "full_name" && i.Severity == LegacyIssueSeverity.Error);
        preview.Issues.ShouldContain(i => i.RowNumber == 3 && i.Severity == LegacyIssueSeverity.Error && i.Message.StartsWith("wrong column count"));
        preview.Issues.ShouldContain(i => i.RowNumber == 0 && i.Message.Contains("Shoe Size"));
        preview.ErrorCount.ShouldBe(2);
    }
}
