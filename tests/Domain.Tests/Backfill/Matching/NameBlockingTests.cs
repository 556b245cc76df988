using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

/// <summary>The blocking keys' promises: every single edit of a name of four letters or more is found, and common words do not make huge blocks.</summary>
public sealed class NameBlockingTests
{
    private static readonly string[] Names =
    [
        "Acme", "Globex", "Initech", "Umbrella Labs", "Stark Industries", "Wayne Enterprises", "Cyberdyne Systems", "Pied Piper",
        "Vandelay Industries", "Dunder Mifflin Paper", "Zanmarix Communications", "International Business Machines",
    ];

    private static bool Found(string row, string existing) =>
        CompanyMatcher.CandidateKeys(row).Intersect(CompanyMatcher.BlockingKeys(existing)).Any();

    private static IEnumerable<string> SingleEdits(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            yield return name.Remove(i, 1);
            yield return name[..i] + 'q' + name[(i + 1)..];
            yield return name.Insert(i, "q");
        }

        yield return name + "q";
    }

    [Fact]
    public void CandidateKeys_FindEverySingleEdit_InBothDirections()
    {
        foreach (var name in Names)
        {
            foreach (var edited in SingleEdits(name))
            {
                Found(edited, name).ShouldBeTrue($"\"{edited}\" should find \"{name}\"");
                if (edited.Count(char.IsLetterOrDigit) >= 4) // shorter existing names are only found whole
                {
                    Found(name, edited).ShouldBeTrue($"\"{name}\" should find \"{edited}\"");
                }
            }
        }
    }

    [Theory]
    [InlineData("Cyberdyne Systems", "Cybredyne Systems")] // a transposition: two edits in the first quarter
    [InlineData("Zanmarix Communications", "Zanmarix Communicatoins")] // two edits in the last quarter
    [InlineData("Dunder Mifflin Paper", "Dunder Miflen Paper")] // two in the middle half: the outer quarters
    [InlineData("Intl Business Machines", "International Business Machines")] // only the middle differs: the anchors
    public void CandidateKeys_FindTypicalMultipleEdits(string row, string existing) => Found(row, existing).ShouldBeTrue();

    [Fact]
    public void BlockingKeys_DoNotGroupNamesEndingInACommonWord()
    {
        // 2,000 distinct names ending in "Systems": the old prefix/suffix keys put them all in one block ("s:ems").
        var random = new Random(7);
        var blocks = new Dictionary<string, int>();
        for (var i = 0; i < 2000; i++)
        {
            var core = string.Concat(Enumerable.Range(0, 6).Select(k => (char)((k == 0 ? 'A' : 'a') + random.Next(26))));
            foreach (var key in CompanyMatcher.BlockingKeys(core + " Systems"))
            {
                blocks[key] = blocks.GetValueOrDefault(key) + 1;
            }
        }

        blocks.Values.Max().ShouldBeLessThan(20);
    }

    [Fact]
    public void CandidateKeys_AreAtMostSixteen_AndCoverTheLengthsAround() =>
        CompanyMatcher.CandidateKeys("Acme Widgets").Count.ShouldBe(16);
}
