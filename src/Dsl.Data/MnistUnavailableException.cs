using System;
using System.IO;

namespace Dsl.Data;

/// <summary>
/// Thrown by <see cref="Mnist.Load"/> when MNIST is on disk nowhere it looked and could not be obtained. The
/// message lists what was tried and how to provide the files by hand.
/// </summary>
public sealed class MnistUnavailableException : IOException
{
    /// <summary>Creates the exception with a message that says how to provide the files.</summary>
    public MnistUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public MnistUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MnistUnavailableException() : base("MNIST is not available.")
    {
    }
}
