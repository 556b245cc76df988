using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

/// <summary>A flag is for a real problem only: realistic clean rows raise none, bad values still do.</summary>
public sealed class CleanDataTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    /// <summary>company, website, full name, title, email, phone, last engaged (blank cells left out on purpose).</summary>
    public static readonly TheoryData<string, string, string, string, string, string, string> CleanRows = new()
    {
        { "The Acme Company & Sons, Inc.", "https://www.acme.com/about-us", "José Núñez", "VP, Sales & Marketing", "jose.nunez@acme.com; jnunez@gmail.com", "+1 (555) 123-4567 x204", "2024-03-05" },
        { "Müller Maschinenbau GmbH", "muller-maschinenbau.de", "Anna van der Berg", "Geschäftsführerin", "a.vanderberg@muller-maschinenbau.de", "+49 (0)30 1234567", "04.03.2021" },
        { "O'Reilly Media, Inc.", "oreilly.com/products", "Seán O'Brien", "Chief Exec. Officer", "sean@oreilly.com", "707-827-7000 ext. 12", "March 4, 2021" },
        { "Société Générale S.A.", "https://www.societegenerale.com/en/home", "Jean-Luc Picard", "Directeur Financier", "jean-luc.picard@socgen.com", "+33 1 42 14 20 00", "Thu, 04 Mar 2021 10:00:00 +0000" },
        { "McDonald's Corporation", "http://corporate.mcdonalds.com/corpmcd.html", "Mary-Jane Watson", "Sr. V.P. of People", "mj.watson@us.mcd.com", "(630) 623-3000", "Mar 4, 2021" },
        { "Acme Holdings Co., Ltd.", "acme-holdings.co.jp", "Yuki Tanaka", "C.E.O.", "tanaka@acme-holdings.co.jp", "+81 3-1234-5678", "2021/3/4" },
        { "Contoso Painters LLC", "contosopainters.com", "Dr. Jane Smith, PhD", "Owner/Operator", "jane@contosopainters.com", "555.123.4567", "3/4/2021" },
        { "Contoso Partners LLP", "www.contosopartners.com", "Smith, John", "Managing Partner", "john.smith@contosopartners.com", "5551234568", "3/4/21" },
        { "Fabrikam, Inc.", "https://fabrikam.com/", "Ludwig van Beethoven", "Dir. of H.R.", "ludwig@fabrikam.com", "1-555-123-4569", "4-Mar-2021" },
        { "Northwind Traders Pty Ltd", "northwindtraders.com.au", "Chloé Dubois-Martin", "Head of People & Culture", "chloe@northwindtraders.com.au", "+61 2 9876 5432", "4-Mar-21" },
        { "Tailspin Toys (The)", "tailspintoys.com", "Liam O'Connor", "Chf. Financial Officer", "liam.oconnor@tailspintoys.com", "+1 555 123 4570 extension 7", "Thu, 04 Mar 2021 10:00:00 GMT" },
        { "Wide World Importers, The", "wideworldimporters.com", "Ana María de la Cruz", "V.P. HR", "ana.delacruz@wideworldimporters.com", "555-123-4571 #33", "Thu, 04 Mar 2021 10:00:00 UTC" },
        { "AT&T Inc.", "att.com", "D'Angelo Russell", "EVP & CFO", "drussell@att.com", "+1 210 821 4105", "1614852000" },
        { "Procter & Gamble Co", "pg.com", "Sarah O'Neil-Hughes", "Chief Human Resources Officer", "sarah.oneil@pg.com", "(513) 983-1100", "1614852000123" },
        { "Ørsted A/S", "orsted.com", "Søren Kierkegaard", "Head of Finance", "sokie@orsted.dk", "+45 99 55 11 11", "2021-03-04T10:00:00Z" },
        { "Straße & Bau AG", "strasse-bau.de", "Jürgen Groß", "Leiter Personal", "j.gross@strasse-bau.de", "+49 89 1234 5678", "2021-03-04T10:00:00+01:00" },
        { "Nestlé S.A.", "nestle.com", "Zoë Saldaña", "Head of Talent", "zoe.saldana@nestle.com", "+41 21 924 11 11", "2021-03-04 10:00:00" },
        { "J.P. Morgan Chase & Co.", "jpmorganchase.com", "Jamie Dimon", "Chairman & CEO", "jamie.dimon@jpmchase.com", "+1 212 270 6000", "13/04/2021" },
        { "eBay Inc.", "ebay.com", "DeShawn Williams", "Director, Finance & Accounting", "dwilliams@ebay.com", "408-376-7400 x1", "2024-03-05T14:07:09.123+02:00" },
        { "Booking Holdings Inc.", "bookingholdings.com", "Mr. Glenn Fogel", "President and CEO", "glenn.fogel@bookingholdings.com; gfogel@outlook.com", "+1 203 299 8000", "Mar 5, 2024" },
        { "Alpine Ski House", "alpineskihouse.com", "Marie-Claire Lefèvre", "Co-Founder & CTO", "marie-claire@alpineskihouse.com", "+33 (0)4 50 53 00 24", "5 Mar 2024" },
        { "Coho Winery", "cohowinery.com", "Piotr Łukasiewicz", "Controller", "piotr@cohowinery.com", "555-123-4572", "03-05-2024" },
        { "Adventure Works Cycles", "adventure-works.com/en-us/", "Ngozi Okonjo-Iweala", "HR Business Partner", "ngozi@adventure-works.com", "+234 1 234 5678", "2024-03-05T14:07Z" },
        { "Blue Yonder Airlines", "blueyonderairlines.com", "Björn Ulvaeus", "Executive Assistant to the CEO", "bjorn@blueyonderairlines.com", "+46 8 123 456 78", "March 5, 2024" },
        { "Litware, Inc.", "litwareinc.com", "María José García-López", "Vice President of Sales", "mj.garcia@litwareinc.com", "555 123 4573", "2024/03/05" },
        { "Margie's Travel", "margiestravel.com", "Kwame Nkrumah Jr.", "Owner", "kwame@margiestravel.com", "(555) 123-4574 ext 2", "12/31/2023" },
        { "Trey Research", "treyresearch.net", "Ruth Bader Ginsburg", "Chief Financial Officer (CFO)", "rbg@treyresearch.net", "+1-555-123-4575", "2023-12-31 23:59:59 UTC" },
        { "Woodgrove Bank", "woodgrovebank.com", "Hans-Peter Müller-Lüdenscheidt", "Head of HR, DACH", "hp.mueller@woodgrovebank.com", "+49 (0) 211 123456", "31.12.2023" },
        { "Fourth Coffee", "fourthcoffee.com", "Aoife Ní Bhriain", "Sr. Director, IT", "aoife@fourthcoffee.com", "+353 1 234 5678", "999999999" },
        { "Graphic Design Institute", "graphicdesigninstitute.com", "Priya Patel-Shah, MBA", "VP Finance & HR", "priya@graphicdesigninstitute.com; priya.patel@yahoo.co.uk", "555-123-4576 x 1234", "Wed, 3 Mar 2021 08:15:00 -0500" },
    };

    [Theory]
    [MemberData(nameof(CleanRows))]
    public void Row_OfCleanRealisticData_HasNoWarnings(string company, string website, string name, string title, string email, string phone, string lastEngaged)
    {
        var row = Normalizer.Row(new LegacyRow
        {
            CompanyName = company,
            CompanyWebsite = website,
            FullName = name,
            Title = title,
            Email = email,
            Phone = phone,
            LinkedInUrl = "https://www.linkedin.com/in/someone-1234/",
            HistoricalOpenCount = "12",
            HistoricalReplyCount = "1,204",
            HistoricalMeetingCount = "",
            LastEngagedAt = lastEngaged,
        });

        row.Warnings.ShouldBeEmpty($"row: {company} / {name}");
        row.CompanyName.ShouldNotBeNull();
        row.CompanyDomain.ShouldNotBeNull();
        row.FirstName.ShouldNotBeNull();
        row.LastName.ShouldNotBeNull();
        row.Title.ShouldNotBeNull();
        row.Email.ShouldNotBeNull();
        row.Phone.ShouldNotBeNull();
        row.LastEngagedAt.ShouldNotBeNull();
    }

    [Fact]
    public void CleanRows_AreThirty() => CleanRows.Count.ShouldBe(30);

    [Fact]
    public void Row_KeepsThePhoneExtensionApart()
    {
        var row = Normalizer.Row(new LegacyRow { CompanyName = "Acme", FullName = "Jane Doe", Phone = "(555) 123-4567 ext. 204" });

        row.Phone.ShouldBe("+15551234567");
        row.PhoneExtension.ShouldBe("204");
        row.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("last_engaged_at", "yesterday")]
    [InlineData("last_engaged_at", "31/31/2021")]
    [InlineData("historical_open_count", "lots")]
    [InlineData("historical_reply_count", "-3")]
    [InlineData("email", "jane.doe(at)acme")]
    [InlineData("email", "jane@acme")]
    [InlineData("phone", "555-1234")]
    [InlineData("phone", "+1 555 123 4567 / +1 555 987 6543")]
    [InlineData("linkedin_url", "https://facebook.com/jane")]
    public void Row_WithABadValue_WarnsAboutThatColumn(string column, string value)
    {
        var raw = new LegacyRow { CompanyName = "Acme", FullName = "Jane Doe" };
        raw = column switch
        {
            "last_engaged_at" => raw with { LastEngagedAt = value },
            "historical_open_count" => raw with { HistoricalOpenCount = value },
            "historical_reply_count" => raw with { HistoricalReplyCount = value },
            "email" => raw with { Email = value },
            "phone" => raw with { Phone = value },
            _ => raw with { LinkedInUrl = value },
        };

        var warning = Normalizer.Row(raw).Warnings.ShouldHaveSingleItem();
        warning.ShouldStartWith(column + ": ");
        warning.ShouldContain(value);
    }

    [Fact]
    public void Row_WithAnOverlongCell_WarnsAboutItsLength()
    {
        var row = Normalizer.Row(new LegacyRow { CompanyName = "Acme", FullName = "Jane Doe", Title = new string('x', 1001) });

        row.Title.ShouldBeNull();
        row.Warnings.ShouldHaveSingleItem().ShouldStartWith("title: value of 1,001 characters");
    }
}
