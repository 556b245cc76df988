using System.Globalization;
using System.Text;
using Portal.Jobs.Backfill;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>Reading legacy CSVs: encodings, header aliases, and malformed rows that must get an outcome, not stop the file.</summary>
public sealed class LegacyCsvReaderTests
{
    private static List<LegacyCsvRow> Read(string csv, out LegacyHeaderMapping header) => Read(Encoding.UTF8.GetBytes(csv), out header);

    private static List<LegacyCsvRow> Read(byte[] bytes, out LegacyHeaderMapping header, LegacyCsvLimits? limits = null)
    {
        using var reader = new LegacyCsvReader(new MemoryStream(bytes), limits: limits);
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
    public void AWindows1252File_IsDecodedWhole_WithANotice_AndNoCellFlags()
    {
        var bytes = Encoding.Latin1.GetBytes("Société,full_name,notes\nMüller GmbH,Hans Müller,Price € 10\n");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x80;

        using var reader = new LegacyCsvReader(new MemoryStream(bytes), columnMap: new Dictionary<string, string> { ["Société"] = "company_name" });
        var row = reader.ReadRows().Single();

        reader.FileNotice.ShouldNotBeNull().ShouldContain("Windows-1252");
        reader.Header.Headers[0].ShouldBe("Société");
        reader.Header.MissingRequired.ShouldBeEmpty();
        row.Row!.CompanyName.ShouldBe("Müller GmbH");
        row.Row.FullName.ShouldBe("Hans Müller");
        row.Row.Notes.ShouldBe("Price € 10");
        row.Flags.ShouldBeEmpty();
        reader.Windows1252Bytes.ShouldBe(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AUtf16FileWithABom_IsDecoded_WithANotice_AndACleanHeader(bool littleEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian: !littleEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Company Name,Full Name\nAcme,José Müller 🙂\n")).ToArray();

        using var reader = new LegacyCsvReader(new MemoryStream(bytes));
        var row = reader.ReadRows().Single();

        reader.FileNotice.ShouldNotBeNull().ShouldContain("UTF-16");
        reader.Header.Headers.ShouldBe(["Company Name", "Full Name"]);
        reader.Header.Unmapped.ShouldBeEmpty();
        row.Row!.FullName.ShouldBe("José Müller 🙂");
        row.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void BytesThatAreNotUtf8_InAUtf8File_AreFlaggedOnTheirRowAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("company_name,full_name,notes\nAcme,José,fine\nBeta,M?ller,x??y\nGamma,Gil,ok\n");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFC;
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x93;
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x94;

        using var reader = new LegacyCsvReader(new MemoryStream(bytes));
        var rows = reader.ReadRows().ToList();

        reader.FileNotice.ShouldBeNull();
        rows.Select(r => r.Row!.FullName).ShouldBe(["José", "Müller", "Gil"]);
        rows[1].Row!.Notes.ShouldBe("x\u201Cy\u201D".Replace("y\u201D", "\u201Dy", StringComparison.Ordinal));
        rows[0].Flags.ShouldBeEmpty();
        rows[2].Flags.ShouldBeEmpty();
        rows[1].Flags.Select(f => (f.Column, f.Kind)).ShouldBe([("full_name", LegacyFlagKinds.InvalidUtf8), ("notes", LegacyFlagKinds.InvalidUtf8)]);
        rows[1].Flags[0].Message.ShouldBe("full_name: 1 byte that is not valid UTF-8 was read as Windows-1252");
        rows[1].Flags[1].Message.ShouldBe("notes: 2 bytes that are not valid UTF-8 were read as Windows-1252");
        reader.Windows1252Bytes.ShouldBe(3);
    }

    [Fact]
    public void ANulByte_IsRemovedAndFlagged_AndTheRowIsStillImported()
    {
        var rows = Read("company_name,full_name,notes\nAc\0me,Ann,ok\nBeta,Bob,\0\0\n", out _);

        rows.ShouldAllBe(r => r.IsValid);
        rows[0].Row!.CompanyName.ShouldBe("Acme");
        rows[0].Cells.ShouldBe(["Acme", "Ann", "ok"]);
        rows[0].Flags.ShouldBe([new LegacyCellFlag("company_name", LegacyFlagKinds.NulByte, "company_name: NUL byte removed")]);
        rows[1].Row!.Notes.ShouldBe("");
        rows[1].Flags.Single().Message.ShouldBe("notes: 2 NUL bytes removed");
    }

    [Fact]
    public void NoncharactersInTheFile_AreData()
    {
        var rows = Read("company_name,full_name\nAcme \uFDD0\uFDD1\uFDD2\uFDD3,Ann\n", out _);

        rows.Single().Row!.CompanyName.ShouldBe("Acme \uFDD0\uFDD1\uFDD2\uFDD3");
        rows.Single().Flags.ShouldBeEmpty();
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
    public void AFiftyMegabyteCell_IsCutAndFlagged_WhileReading_InBoundedMemory()
    {
        var file = new GeneratedFile("company_name,full_name,notes\nAcme,Ann,\"", 'x', 50 * 1024 * 1024, "\"\nBeta,Bob,small\n");

        using var reader = new LegacyCsvReader(file);
        var rows = reader.ReadRows().ToList();

        rows.Count.ShouldBe(2);
        rows[0].IsValid.ShouldBeTrue();
        rows[0].Row!.Notes!.Length.ShouldBe(LegacyCsvLimits.Default.MaxCellChars);
        rows[0].Flags.ShouldBe([new LegacyCellFlag("notes", LegacyFlagKinds.OverlongCell, "notes: cell of 52,428,800 characters cut to 10,000")]);
        rows[1].Row!.Notes.ShouldBe("small");
        file.PeakManagedBytes.ShouldBeLessThan(100L * 1024 * 1024, "a 50 MB cell must not be held whole");
    }

    [Fact]
    public void AFiftyMegabyteHeaderLine_IsCutAndFlagged_InBoundedMemory()
    {
        var file = new GeneratedFile("company_name,full_name,", ',', 50 * 1024 * 1024, "\nAcme,Ann\n");

        using var reader = new LegacyCsvReader(file);
        var rows = reader.ReadRows().ToList();

        reader.HeaderFlags.ShouldContain(f => f.Kind == LegacyFlagKinds.OverlongLine && f.Message == "header line of 52,428,823 characters cut to 100,000");
        reader.Header.Columns.Keys.ShouldBe(["company_name", "full_name"], ignoreOrder: true);
        rows.Single().Error!.ShouldStartWith("wrong column count");
        file.PeakManagedBytes.ShouldBeLessThan(100L * 1024 * 1024, "a 50 MB header must not be held whole");
    }

    [Fact]
    public void AFiftyMegabyteHeaderCell_IsCut_AndTheRowsReadAsUsual()
    {
        var file = new GeneratedFile("company_name,full_name,", 'n', 50 * 1024 * 1024, "\nAcme,Ann,x\n");

        using var reader = new LegacyCsvReader(file);

        reader.HeaderFlags.ShouldBe([new LegacyCellFlag(null, LegacyFlagKinds.OverlongCell, "header cell 3: cell of 52,428,800 characters cut to 10,000")]);
        reader.ReadRows().Single().IsValid.ShouldBeTrue();
        file.PeakManagedBytes.ShouldBeLessThan(100L * 1024 * 1024);
    }

    [Fact]
    public void AnOverlongLine_IsAnErrorRowWithAnExcerpt_AndTheNextRowsAreRead()
    {
        var limits = new LegacyCsvLimits(MaxCellChars: 50, MaxLineChars: 120);
        var wide = string.Join(',', Enumerable.Repeat(new string('w', 40), 10));
        var csv = $"company_name,full_name,notes\nAcme,Ann,ok\n{wide}\nBeta,\"Bob\nBobson\",\"quoted, \"\"fine\"\"\"\nGamma,Gil,ok\n";

        var rows = Read(Encoding.UTF8.GetBytes(csv), out _, limits);

        rows.Select(r => r.RowNumber).ShouldBe([1, 2, 3, 4]);
        rows[1].ErrorKind.ShouldBe(LegacyRowErrorKinds.OverlongLine);
        rows[1].Error.ShouldBe("line of 409 characters is longer than the limit of 120; not read");
        rows[1].Row.ShouldBeNull();
        rows[1].Cells.Single().ShouldStartWith(new string('w', 40) + ",");
        rows[1].Cells.Single().Length.ShouldBeLessThanOrEqualTo(120);
        rows[1].Flags.Single().Kind.ShouldBe(LegacyFlagKinds.OverlongLine);
        rows[2].Row!.FullName.ShouldBe("Bob\nBobson");
        rows[2].Row!.Notes.ShouldBe("quoted, \"fine\"");
        rows[3].Row!.CompanyName.ShouldBe("Gamma");
    }

    [Fact]
    public void AnUnclosedQuote_PastTheLineLimit_IsOneErrorRow_AndTheLinesAfterItAreRows()
    {
        var limits = new LegacyCsvLimits(MaxCellChars: 1_000, MaxLineChars: 2_000);
        var csv = new StringBuilder("company_name,full_name,title\nAcme,\"Ann,CEO\n");
        for (var i = 0; i < 500; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Company {i},Person {i},CFO\n");
        }

        var rows = Read(Encoding.UTF8.GetBytes(csv.ToString()), out _, limits);

        rows.Count.ShouldBe(501);
        rows[0].ErrorKind.ShouldBe(LegacyRowErrorKinds.UnclosedQuote);
        rows[0].Cells.ShouldBe(["Acme,\"Ann,CEO"]);
        rows.Skip(1).ShouldAllBe(r => r.IsValid);
        rows[^1].Row!.CompanyName.ShouldBe("Company 499");
        rows.Select(r => r.RowNumber).ShouldBe(Enumerable.Range(1, 501));
    }

    [Fact]
    public void AQuotedCellSpanningLines_LongerThanTheCellLimit_IsCutAndFlagged()
    {
        var notes = string.Join('\n', Enumerable.Repeat(new string('n', 30), 10));
        var rows = Read(Encoding.UTF8.GetBytes($"company_name,full_name,notes\nAcme,Ann,\"{notes}\"\nBeta,Bob,ok\n"), out _, new LegacyCsvLimits(MaxCellChars: 100, MaxLineChars: 1_000));

        rows.Count.ShouldBe(2);
        rows[0].Row!.Notes.ShouldBe(notes[..100]);
        rows[0].Flags.Single().Message.ShouldBe("notes: cell of 309 characters cut to 100");
        rows[1].IsValid.ShouldBeTrue();
    }

    [Fact]
    public void FormulaLikeCells_AreKeptAsData_AndFlaggedOnTheirColumn()
    {
        var rows = Read(
            "company_name,full_name,phone,notes,opens,title\n" +
            "=HYPERLINK(\"http://x\"),@Ann,+1 555 123 4567,\"=SUM(A1:A2)\",-2,CEO\n" +
            "-Acme,Bob,+44 (0)20 7946 0958 ext. 12,=1+1,3,\"\tCFO\"\n" +
            "Gamma,Gil,+cmd|' /C calc'!A0,ok,+5,\"\rHR\"\n",
            out _);

        rows[0].Row!.CompanyName.ShouldBe("=HYPERLINK(\"http://x\")");
        rows[0].Row!.FullName.ShouldBe("@Ann");
        rows[0].Row!.Phone.ShouldBe("+1 555 123 4567");
        rows[0].Row!.Notes.ShouldBe("=SUM(A1:A2)");
        rows[1].Row!.CompanyName.ShouldBe("-Acme");
        rows[1].Row!.Notes.ShouldBe("=1+1");
        rows[2].Row!.Title.ShouldBe("\rHR");
        rows.ShouldAllBe(r => r.Flags.All(f => f.Kind == LegacyFlagKinds.FormulaLike));
        rows[0].Flags.Select(f => f.Column).ShouldBe(["company_name", "full_name", "notes"]);
        rows[0].Flags[0].Message.ShouldBe("company_name: starts with '=': stored as plain text");
        rows[1].Flags.Select(f => f.Column).ShouldBe(["company_name", "notes", "title"]);
        rows[1].Flags[2].Message.ShouldBe("title: starts with a tab: stored as plain text");
        rows[2].Flags.Select(f => f.Column).ShouldBe(["phone", "title"]);
    }

    [Fact]
    public void AFileOfEveryKindOfBadRecord_GivesEveryRecordARow()
    {
        var limits = new LegacyCsvLimits(MaxCellChars: 20, MaxLineChars: 100);
        var bytes = Encoding.UTF8.GetBytes(
            "company_name,full_name,notes\n" +
            "Acme,Ann,é\n" +                                                    // 1 fine
            "Beta,Bob\n" +                                                      // 2 wrong column count
            "Gamma,Gil,\"never closed\n" +                                      // 3 unclosed quote
            "Delta,Dan,\0nul\n" +                                               // 4 NUL
            "Echo,Eve,M?ller\n" +                                               // 5 not UTF-8
            $"Fox,Fay,{new string('f', 50)}\n" +                                // 6 overlong cell
            $"{string.Join(',', Enumerable.Repeat(new string('g', 19), 8))}\n" + // 7 overlong line
            "=Golf,Gus,x\n" +                                                   // 8 formula
            "Acme,,x\n" +                                                       // 9 required name blank
            "\"Hotel\"x,Hank,x\n" +                                             // 10 text after the closing quote
            "India,Ivy,ok\n");                                                  // 11 fine
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFC;

        var rows = Read(bytes, out _, limits);

        rows.Select(r => r.RowNumber).ShouldBe(Enumerable.Range(1, 11));
        rows.Select(r => r.ErrorKind).ShouldBe(
        [
            null, LegacyRowErrorKinds.WrongColumnCount, LegacyRowErrorKinds.UnclosedQuote, null, null, null, LegacyRowErrorKinds.OverlongLine, null,
            LegacyRowErrorKinds.RequiredBlank, LegacyRowErrorKinds.BadQuoting, null,
        ]);
        rows.Select(r => r.Flags.Count > 0 ? r.Flags[0].Kind : null).ShouldBe(
        [
            null, null, null, LegacyFlagKinds.NulByte, LegacyFlagKinds.InvalidUtf8, LegacyFlagKinds.OverlongCell, LegacyFlagKinds.OverlongLine, LegacyFlagKinds.FormulaLike,
            null, null, null,
        ]);
        rows[^1].Row!.FullName.ShouldBe("Ivy");
    }

    [Fact]
    public void AColumnNamedTwice_IsReportedAsSuch()
    {
        Read("company_name,full_name,Email,notes,title,x,E-mail\nAcme,Ann,a@acme.test,,,,b@acme.test\n", out var header);

        header.Columns["email"].ShouldBe(2);
        header.Unmapped.ShouldBe(["x"]);
        header.Repeated.Single().Message.ShouldBe("column email is named twice (columns 3 and 7); the second is ignored");
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
        preview.TotalRows.ShouldBe(4);
    }

    [Fact]
    public void Preview_ChecksTheWholeFile_WithCountsAndTheFirstExamplesOfEachProblem()
    {
        var csv = new StringBuilder("company_name,full_name,notes\n");
        for (var i = 1; i <= 30; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{(i is > 20 and <= 25 ? $"Broken {i},only two" : $"Company {i},Person {i},=note {i}")}\n");
        }

        csv.Append("Last,Row,\0\n");

        var preview = LegacyCsvReader.Preview(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), maxRows: 20);

        preview.Rows.Count.ShouldBe(20);
        preview.TotalRows.ShouldBe(31);
        preview.RowsWithErrors.ShouldBe(5);
        preview.RowsWithWarnings.ShouldBe(26);
        var broken = preview.Problems.Single(p => p.Kind == LegacyRowErrorKinds.WrongColumnCount);
        broken.Count.ShouldBe(5);
        broken.Severity.ShouldBe(LegacyIssueSeverity.Error);
        broken.Examples.Select(e => e.RowNumber).ShouldBe([21, 22, 23, 24, 25]);
        var formulas = preview.Problems.Single(p => p.Kind == LegacyFlagKinds.FormulaLike);
        formulas.Count.ShouldBe(25);
        formulas.Examples.Count.ShouldBe(LegacyCsvReader.ExamplesPerProblem);
        formulas.Examples[0].ShouldBe(new LegacyValidationIssue(1, "notes", LegacyIssueSeverity.Warning, "notes: starts with '=': stored as plain text"));
        preview.Problems.Single(p => p.Kind == LegacyFlagKinds.NulByte).Examples.Single().RowNumber.ShouldBe(31);
        preview.ErrorCount.ShouldBe(5);
    }

    [Fact]
    public void Preview_ReportsTheFileEncodingAndARepeatedColumn()
    {
        var bytes = Encoding.Latin1.GetBytes("company_name,full_name,name\nCafé,Ann,Anne\n");

        var preview = LegacyCsvReader.Preview(new MemoryStream(bytes), maxRows: 20);

        preview.FileNotice.ShouldNotBeNull();
        preview.Problems.Select(p => p.Kind).Take(2).ShouldBe([LegacyProblemKinds.FileEncoding, LegacyProblemKinds.RepeatedColumn]);
        preview.Issues.ShouldContain(i => i.Message.StartsWith("column full_name is named twice (columns 2 and 3)", StringComparison.Ordinal));
        preview.Rows.Single().Normalized!.CompanyName.ShouldBe("Cafe"); // matched with accents folded
    }

    /// <summary>A large file made up as it is read, so the test itself holds none of it; notes the largest managed heap seen meanwhile.</summary>
    private sealed class GeneratedFile(string head, char fill, long fills, string tail) : Stream
    {
        private readonly byte[] head = Encoding.UTF8.GetBytes(head);
        private readonly byte[] tail = Encoding.UTF8.GetBytes(tail);
        private readonly long baseline = GC.GetTotalMemory(forceFullCollection: true);
        private long position;

        /// <summary>The largest growth of the managed heap over the start, sampled at every read.</summary>
        public long PeakManagedBytes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => head.Length + fills + tail.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(forceFullCollection: false) - baseline);
            var written = 0;
            while (written < count && position < Length)
            {
                buffer[offset + written++] = position < head.Length ? head[position]
                    : position < head.Length + fills ? (byte)fill
                    : tail[position - head.Length - fills];
                position++;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
