using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Dsl.Generator.Tests.CodeFixes;

/// <summary>
/// Roslyn's code-fix test with the real generator as the source of the diagnostics: the source before (its
/// diagnostics marked <c>{|DSL008:…|}</c>), the source after, and the generator run again on the result, which must
/// then report nothing the fix was for. References are this process's framework and the runtime, so nothing is
/// downloaded.
/// </summary>
internal sealed class FixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public FixTest(string before, string after)
    {
        TestCode = before;
        FixedCode = after;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        // The generated code is checked by the generator tests; here only the diagnostics and the fixed source matter.
        TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipGeneratedCodeCheck;
        CompilerDiagnostics = CompilerDiagnostics.None;
    }

    protected override IEnumerable<Type> GetSourceGenerators()
    {
        yield return typeof(ModelGenerator);
    }

    public static Task Check(string before, string after) => new FixTest<TFix>(before, after).RunAsync();
}
