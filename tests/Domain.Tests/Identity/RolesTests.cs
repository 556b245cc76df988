using Portal.Domain.Identity;
using Shouldly;

namespace Portal.Domain.Tests.Identity;

public sealed class RolesTests
{
    [Fact]
    public void AtLeast_IncludesTheRoleAndEveryHigherRole()
    {
        Roles.AtLeast(Roles.Viewer).ShouldBe([Roles.Viewer, Roles.Operator, Roles.Admin], ignoreOrder: true);
        Roles.AtLeast(Roles.Operator).ShouldBe([Roles.Operator, Roles.Admin], ignoreOrder: true);
        Roles.AtLeast(Roles.Admin).ShouldBe([Roles.Admin]);
    }

    [Fact]
    public void AtLeast_RejectsUnknownRoles() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Roles.AtLeast("Superuser"));
}
