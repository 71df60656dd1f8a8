using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

internal sealed partial class GraphRun
{
    /// <summary>
    /// A use of a block: its arguments checked against the block's parameters, then (with shapes known) the block's
    /// graph at this use, whose problems are reported here, at the use, pointing at the block's layer as well.
    /// </summary>
    private void ProcessUse(Entry entry, UseSpec use, List<ValueRef> inputs)
    {
        if (entry.Block is not { } block)
        {
            entry.Failed = true;
            return;
        }
        bool firstOfUse = entry.Copy <= 1;
        bool firstWithBlock = firstOfUse || (entry.Copy == 2 && use.BlockOf(2) != use.BlockOf(1));

        if (firstWithBlock && _spec.IsBlock && _session.CycleThrough(_spec, block) is { } cycle)
        {
            Report(DiagnosticDescriptors.BlockCycle, use.Location, _spec.ClassName, cycle);
            entry.Failed = true;
            return;
        }
        if (block.IsBroken)
        {
            // Its declaration could not be read: its inputs and parameters are not known, so nothing about the use is.
            if (firstWithBlock)
                Report(DiagnosticDescriptors.BlockHasErrors, use.Location, entry.Name, block.ClassName);
            entry.Failed = true;
            return;
        }
        if (inputs.Count != block.Inputs.Count)
        {
            Report(DiagnosticDescriptors.InvalidInput, use.Location, "Use '" + entry.Name + "'", block.ClassName,
                "takes " + Invariant.ToText(block.Inputs.Count) + " input" + (block.Inputs.Count == 1 ? string.Empty : "s") + " (" + string.Join(", ", block.Inputs.Select(i => i.Name))
                + ") but is given " + Invariant.ToText(inputs.Count) + "; list them in the block's order with Inputs (inputs: [...] in YAML)");
            entry.Failed = true;
            return;
        }

        var arguments = Arguments(entry, use, block, reportUnknown: firstWithBlock);
        if (arguments is null)
        {
            entry.Failed = true;
            return;
        }
        if (!KnowsShapes || arguments.Any(a => a is null))
            return;
        if (inputs.Any(i => i.Type is null))
        {
            entry.Failed = true;
            return;
        }
        if (!_session.IsValid(block))
        {
            if (firstWithBlock)
                Report(DiagnosticDescriptors.BlockHasErrors, use.Location, entry.Name, block.ClassName);
            entry.Failed = true;
            return;
        }

        var values = arguments.Select(a => a!.Value).ToList();
        // A block's module takes tensors only: a mask does not enter it (a block makes and uses its own masks inside).
        if (inputs.FirstOrDefault(i => i.Type!.Masked) is { } masked)
        {
            Report(DiagnosticDescriptors.MaskDropped, use.Location, entry.Name, "a use of block " + block.ClassName,
                masked.Name == NodeNames.DefaultInput ? "the input" : "'" + masked.Name + "'", "a block takes no masks yet, so put the embedding that makes it inside the block");
        }
        var types = inputs.Select(i => i.Type! with { Masked = false }).ToList();
        var instance = _session.Instantiate(block, types, values);
        if (instance.Plan is not { } plan)
        {
            string where = Where(block, types, values);
            foreach (var error in instance.Errors)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockFailsAtUse, use.Location, entry.Name, block.ClassName, where, error.Message)
                    with { AdditionalLocations = new[] { error.Location }.Concat(error.AdditionalLocations).ToEquatableArray() });
            }
            if (instance.Errors.Count == 0)
                Report(DiagnosticDescriptors.BlockHasErrors, use.Location, entry.Name, block.ClassName);
            entry.Failed = true;
            return;
        }
        entry.Plan = new BlockUsePlan
        {
            Name = entry.Name,
            TypeName = block.ClassName,
            Inputs = inputs.Select(i => i.Name).ToEquatableArray(),
            InputTypes = types.ToEquatableArray(),
            Outputs = plan.Outputs.Select(o => o.Type).ToEquatableArray(),
            OutputNames = plan.Outputs.Count > 1 ? plan.Outputs.Select(o => o.Name).ToEquatableArray() : EquatableArray<string>.Empty,
            Parameters = plan.Parameters,
            TrainableParameters = plan.TrainableParameters,
            MultAdds = plan.MultAdds,
            ActivationValues = plan.ActivationValues,
            Block = block.FullName,
            Instance = plan,
            PlanId = instance.PlanId,
            Arguments = string.Join(", ", block.Parameters.Select((p, i) => p.Name + " " + values[i])),
        };
    }

    /// <summary>A block's outputs as its uses name them (<c>use.skip</c>); empty for a block whose output is its last layer.</summary>
    private static IReadOnlyList<string> OutputNames(GraphSpec block) =>
        block.Outputs.Count <= 1 ? Array.Empty<string>() : block.Outputs.Select(o => o.Value.Replace('.', '_')).ToList();

    /// <summary>How a message describes the use: <c>, input (256, 56, 56), filters 64, stride 2</c>.</summary>
    private static string Where(GraphSpec block, IReadOnlyList<TensorType> inputs, IReadOnlyList<Value> values)
    {
        string input = inputs.Count == 1 ? ", input " + inputs[0] : ", inputs " + string.Join(", ", inputs.Select((t, i) => block.Inputs[i].Name + " " + t));
        string arguments = string.Concat(block.Parameters.Select((p, i) => ", " + p.Name + " " + values[i]));
        return input + arguments;
    }

    /// <summary>
    /// The copies (1 for the first, 2 for any later one) an entry's arguments are checked for: its own, or, for an entry
    /// that stands for copies not counted yet, both of those that are uses of the block it resolved to.
    /// </summary>
    private static IReadOnlyList<int> CopiesOf(Entry entry, UseSpec use) => entry.Copies != 0
        ? new[] { entry.Copy }
        : new[] { 1, 2 }.Where(copy => use.BlockOf(copy) == use.BlockOf(entry.Copy)).ToArray();

    /// <summary>
    /// One value per parameter of <paramref name="block"/>, in its order: the use's (computed in this graph's scope),
    /// or the default. An element is null while its value is not known yet (a block checked on its own). The whole is
    /// null after reporting a problem.
    /// </summary>
    private List<Value?>? Arguments(Entry entry, UseSpec use, GraphSpec block, bool reportUnknown)
    {
        bool valid = true;
        string label = "'" + entry.Name + "' (" + block.ClassName + ")";
        var known = block.Parameters.Select(p => p.Name).ToList();
        if (reportUnknown)
        {
            // The arguments this block's copies take: the common ones, and those for its copies (first, rest, or both
            // while the count is not known).
            var taken = new List<IEnumerable<ArgumentSpec>> { use.Arguments };
            if (CopiesOf(entry, use).Contains(1))
                taken.Add(use.First);
            if (CopiesOf(entry, use).Contains(2) || (entry.Copies > 1 && use.BlockOf(1) == use.BlockOf(2)))
                taken.Add(use.Rest);
            foreach (var argument in taken.SelectMany(l => l))
            {
                if (known.Contains(argument.Name, StringComparer.Ordinal))
                    continue;
                var suggestion = NearestName.Find(argument.Name, known);
                _diagnostics.Add(WithSuggestion(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownArgument, argument.Location, argument.Name, block.ClassName, DidYouMean(suggestion),
                    known.Count == 0 ? "it has no parameters" : "its parameters are " + string.Join(", ", known)), argument.Name, suggestion));
                valid = false;
            }
        }
        if (!valid)
            return null;

        // A use whose copy count is not known yet is checked with every list it may take.
        var lists = CopiesOf(entry, use).Select(copy => UseArguments.For(use, copy)).ToList();
        List<Value?>? result = null;
        foreach (var given in lists)
        {
            var values = new List<Value?>();
            foreach (var parameter in block.Parameters)
            {
                var type = ParameterType.Find(parameter.Type) ?? ParameterType.Integer;
                var argument = given.FirstOrDefault(a => a.Name == parameter.Name);
                if (argument is null)
                {
                    if (parameter.Default is not { } fallback)
                    {
                        if (reportUnknown)
                            Report(DiagnosticDescriptors.MissingArgument, use.Location, entry.Name, block.ClassName, parameter.Name);
                        valid = false;
                        continue;
                    }
                    var defaulted = EvaluateValue(fallback, type, new EmptyScope());
                    values.Add(defaulted.Value);
                    if (defaulted.Failed)
                        valid = false;
                    continue;
                }
                var evaluated = EvaluateValue(argument.Value, type, this);
                if (evaluated.Error is { } error)
                {
                    Report(DiagnosticDescriptors.ArgumentType, argument.Location, "Argument '" + parameter.Name + "' of " + label, Article(type),
                        "'" + argument.Value + "' " + error);
                    valid = false;
                    continue;
                }
                values.Add(evaluated.Value);
            }
            result ??= values;
        }
        return valid ? result : null;
    }
}
