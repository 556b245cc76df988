[assembly: AssemblyFixture(typeof(Portal.Tests.PortalApp))]
