using System.Runtime.CompilerServices;

// The end-to-end tests drive the command line and the experiment in process.
[assembly: InternalsVisibleTo("Mnist.Tests")]
