using Portal.Domain.Slots;
using Shouldly;

namespace Portal.Domain.Tests.Slots;

public sealed class TitleClassifierTests
{
    private const SlotTypes None = SlotTypes.None;
    private const SlotTypes Ceo = SlotTypes.Ceo;
    private const SlotTypes Cfo = SlotTypes.Cfo;
    private const SlotTypes Hr = SlotTypes.Hr;

    /// <summary>Real-world titles as they arrive from CRMs, signatures and scraped profiles, traps included.</summary>
    public static readonly TheoryData<string, SlotTypes> Titles = new()
    {
        // CEO and its spellings
        { "CEO", Ceo },
        { "ceo", Ceo },
        { "C.E.O.", Ceo },
        { "C.E.O", Ceo },
        { "Chief Executive Officer", Ceo },
        { "chief executive officer", Ceo },
        { "CHIEF EXECUTIVE OFFICER", Ceo },
        { "Chief Executive", Ceo },
        { "President", Ceo },
        { "President & CEO", Ceo },
        { "President and CEO", Ceo },
        { "CEO & President", Ceo },
        { "President/CEO", Ceo },
        { "President, CEO", Ceo },
        { "CEO and Founder", Ceo },
        { "Founder & CEO", Ceo },
        { "Co-Founder and CEO", Ceo },
        { "Co-founder, Chief Executive Officer", Ceo },
        { "Founder", Ceo },
        { "Co-Founder", Ceo },
        { "Founder & Owner", Ceo },
        { "Owner", Ceo },
        { "Owner/Operator", Ceo },
        { "Managing Director", Ceo },
        { "Managing Director & CEO", Ceo },
        { "Group CEO", Ceo },
        { "Interim CEO", Ceo },
        { "Acting Chief Executive Officer", Ceo },
        { "CEO (Chief Executive Officer)", Ceo },
        { "Chief Executive Officer - North America", Ceo },
        { "President, Acme Holdings", Ceo },
        { "Executive Chairman & CEO", Ceo },
        { "Chairman and Chief Executive Officer", Ceo },
        { "CEO | Board Member", Ceo },
        { "ceo/owner", Ceo },
        { "  President  ", Ceo },
        { "Chief Exec. Officer", Ceo },
        { "Chief Exec Officer", Ceo },
        { "chief exec. officer", Ceo },

        // CFO and finance leadership
        { "CFO", Cfo },
        { "C.F.O.", Cfo },
        { "Chief Financial Officer", Cfo },
        { "chief financial officer", Cfo },
        { "Chief Finance Officer", Cfo },
        { "Chief Accounting Officer", Cfo },
        { "Finance Director", Cfo },
        { "Director of Finance", Cfo },
        { "Director, Finance", Cfo },
        { "Dir. of Finance", Cfo },
        { "VP Finance", Cfo },
        { "VP of Finance", Cfo },
        { "V.P. of Finance", Cfo },
        { "Vice President of Finance", Cfo },
        { "Vice President, Finance", Cfo },
        { "SVP Finance", Cfo },
        { "Senior Vice President of Finance", Cfo },
        { "EVP & CFO", Cfo },
        { "Head of Finance", Cfo },
        { "Head of Finance & Operations", Cfo },
        { "VP Finance & Administration", Cfo },
        { "Controller", Cfo },
        { "Financial Controller", Cfo },
        { "Corporate Controller", Cfo },
        { "Group Financial Controller", Cfo },
        { "Comptroller", Cfo },
        { "Treasurer", Cfo },
        { "Interim CFO", Cfo },
        { "Fractional CFO", Cfo },
        { "CFO & Treasurer", Cfo },
        { "Chief Financial Officer (CFO)", Cfo },
        { "Financial Director", Cfo },
        { "Chf. Financial Officer", Cfo },
        { "Chf Financial Officer", Cfo },
        { "Chief Fin. Officer", Cfo },
        { "Dir. of Fin.", Cfo },

        // HR leadership
        { "CHRO", Hr },
        { "Chief Human Resources Officer", Hr },
        { "Chief People Officer", Hr },
        { "Chief HR Officer", Hr },
        { "Chief Talent Officer", Hr },
        { "Chief Culture Officer", Hr },
        { "VP HR", Hr },
        { "HR VP", Hr },
        { "VP of HR", Hr },
        { "V.P. of HR Operations", Hr },
        { "Vice President, Human Resources", Hr },
        { "Vice President of People", Hr },
        { "SVP, People & Culture", Hr },
        { "HR Director", Hr },
        { "Director of Human Resources", Hr },
        { "Director, HR", Hr },
        { "Human Resources Director", Hr },
        { "Human Resource Manager", Hr },
        { "HR Manager", Hr },
        { "Head of People", Hr },
        { "Head of HR", Hr },
        { "Head of People Operations", Hr },
        { "Head of Talent", Hr },
        { "People Operations Manager", Hr },
        { "People & Culture Lead", Hr },
        { "HR Lead", Hr },
        { "Director of People", Hr },
        { "Human Capital Director", Hr },
        { "Personnel Manager", Hr },
        { "HR", Hr },
        { "V.P. HR", Hr },
        { "Sr. V.P. of People", Hr },
        { "Dir. of H.R.", Hr },
        { "H.R. Mgr.", Hr },

        // Compound titles: one person, several slots
        { "CEO & CFO", Ceo | Cfo },
        { "CEO/CFO", Ceo | Cfo },
        { "Chief Executive Officer and Chief Financial Officer", Ceo | Cfo },
        { "President & CFO", Ceo | Cfo },
        { "Owner & Controller", Ceo | Cfo },
        { "CFO & Head of HR", Cfo | Hr },
        { "VP Finance & HR", Cfo | Hr },
        { "Director of Finance and Human Resources", Cfo | Hr },
        { "CFO and Head of People", Cfo | Hr },
        { "CEO, CFO & HR Director", Ceo | Cfo | Hr },
        { "Managing Director & HR Manager", Ceo | Hr },

        // Look-alikes that must not fill a slot
        { "Executive Assistant to the CEO", None },
        { "Executive Assistant to CEO", None },
        { "Exec. Asst. to the C.E.O.", None },
        { "C.E.O.'s Office Manager", None },
        { "V.P. of Sales", None },
        { "Sr. V.P., Sales", None },
        { "Exec. Director of Sales", None },
        { "Assistant to the President", None },
        { "CEO's Office Manager", None },
        { "CEO’s Executive Assistant", None },
        { "Office of the CEO", None },
        { "Chief of Staff to the CEO", None },
        { "Chief of Staff", None },
        { "Vice President of Sales", None },
        { "Vice President", None },
        { "VP Marketing", None },
        { "Senior Vice President, Operations", None },
        { "Executive Vice President", None },
        { "Assistant Controller", None },
        { "Project Controller", None },
        { "Quality Controller", None },
        { "Air Traffic Controller", None },
        { "Finance Manager Assistant", None },
        { "HR Assistant", None },
        { "HR Coordinator", None },
        { "Recruiter", None },
        { "Technical Recruiter", None },
        { "HR Business Partner Associate", None },
        { "Former CEO", None },
        { "Ex-CFO, now Advisor", None },
        { "Advisor to the CFO", None },
        { "Aspiring CEO", None },
        { "Chief Technology Officer", None },
        { "CTO", None },
        { "Co-Founder & CTO", None },
        { "Chief Operating Officer", None },
        { "COO", None },
        { "Chief Marketing Officer", None },
        { "Chief Product Officer", None },
        { "Sales Director", None },
        { "Director of Operations", None },
        { "Accountant", None },
        { "Senior Accountant", None },
        { "Financial Analyst", None },
        { "Payroll Specialist", None },
        { "Software Engineer", None },
        { "Account Executive", None },
        { "Executive Director of Sales", None },
        { "Intern, Finance", None },
        { "Talent Acquisition Specialist", None },
        { "", None },
        { "   ", None },
        { "N/A", None },
        { "-", None },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Classify_FindsTheSlotsATitleFills(string title, SlotTypes expected) =>
        TitleClassifier.Classify(title).ShouldBe(expected, $"title: \"{title}\"");

    [Fact]
    public void TheTable_HasAtLeast150TitlesIncludingTraps()
    {
        Titles.Count.ShouldBeGreaterThanOrEqualTo(150);
        Titles.Count(row => (SlotTypes)row.Data.Item2 == None).ShouldBeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public void Classify_OfNull_IsNone() => TitleClassifier.Classify(null).ShouldBe(None);

    [Theory]
    [InlineData(SlotTypes.Ceo | SlotTypes.Hr, new[] { "CEO", "HR" })]
    [InlineData(SlotTypes.None, new string[0])]
    public void Names_ListTheSlotTypesInOrder(SlotTypes types, string[] names) => types.Names().ShouldBe(names);
}
