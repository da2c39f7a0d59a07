using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

public sealed class PlacementConstraintParserTests
{
    [Fact]
    public void Reads_marathon_json_arrays()
    {
        var constraints = PlacementConstraintParser.ParseMarathonJson("""[["hostname","MAX_PER","2"],["rack","GROUP_BY"],["zone","GROUP_BY",3]]""");

        Assert.Equal(
            [
                PlacementConstraint.Create("hostname", ConstraintOperator.MaxPer, "2"),
                PlacementConstraint.Create("rack", ConstraintOperator.GroupBy),
                PlacementConstraint.Create("zone", ConstraintOperator.GroupBy, "3"),
            ],
            constraints);
        Assert.Equal(2, constraints[0].Limit);
        Assert.Equal(3, constraints[2].Limit);
    }

    [Fact]
    public void Reads_the_config_form_keeping_colons_inside_the_value()
    {
        var constraints = PlacementConstraintParser.ParseAll(["hostname:unique", "rack:CLUSTER:r1", "hostname:LIKE:web-[0-9]+:8080"]);

        Assert.Equal(ConstraintOperator.Unique, constraints[0].Operator);
        Assert.Equal("r1", constraints[1].Value);
        Assert.Equal("web-[0-9]+:8080", constraints[2].Value);
        Assert.Equal("hostname:LIKE:web-[0-9]+:8080", constraints[2].ToString());
    }

    [Theory]
    [InlineData("hostname:MAX_PER:x", "MAX_PER needs a positive whole number")]
    [InlineData("hostname:MAX_PER:0", "MAX_PER needs a positive whole number")]
    [InlineData("hostname:MAX_PER", "MAX_PER needs a positive whole number")]
    [InlineData("rack:GROUP_BY:-1", "GROUP_BY needs a positive whole number")]
    [InlineData("rack:NEAR:r1", "unknown operator 'NEAR'")]
    [InlineData("rack", "expected field:OPERATOR")]
    [InlineData(":UNIQUE", "field name is empty")]
    [InlineData("hostname:UNIQUE:yes", "UNIQUE takes no value")]
    [InlineData("rack:CLUSTER", "CLUSTER needs the value")]
    [InlineData("rack:LIKE", "LIKE needs a regular expression")]
    [InlineData("rack:LIKE:r(1", "is not a usable regular expression")]
    public void Names_the_malformed_constraint_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<InvalidPlacementConstraintException>(() => PlacementConstraintParser.Parse(text));

        Assert.Equal(text, error.Constraint);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[["hostname"]]""", "expected 2 or 3 elements")]
    [InlineData("""[["hostname","MAX_PER","2","3"]]""", "expected 2 or 3 elements")]
    [InlineData("""["hostname","UNIQUE"]""", "expected an array like")]
    [InlineData("""{"hostname":"UNIQUE"}""", "expected an array of constraints")]
    [InlineData("""[["hostname",null]]""", "neither a string nor a number")]
    [InlineData("""[["hostname","UNIQUE"]""", "not valid JSON")]
    [InlineData("""[["hostname","MAX_PER","two"]]""", "MAX_PER needs a positive whole number")]
    public void Rejects_malformed_marathon_json(string json, string problem)
    {
        var error = Assert.Throws<InvalidPlacementConstraintException>(() => PlacementConstraintParser.ParseMarathonJson(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Like_matches_the_whole_value_only()
    {
        var like = PlacementConstraintParser.Parse("hostname:LIKE:web|db");

        Assert.True(like.AdmitsValue("web"));
        Assert.True(like.AdmitsValue("db"));
        Assert.False(like.AdmitsValue("webdb"));
        Assert.False(like.AdmitsValue("web1"));
        Assert.False(like.AdmitsValue(null));
    }
}
