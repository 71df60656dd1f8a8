using System;
using System.Buffers.Binary;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Reads IDX files, the format MNIST ships in: a big-endian header (a magic number, then one 32-bit size per
/// dimension) followed by the unsigned bytes themselves. Files may be plain or gzip-compressed; the reader
/// tells them apart by their first bytes, not by their names.
/// </summary>
public static class IdxReader
{
    private static readonly IdxKind Images = new("image", 0x00000803, 3, "unsigned bytes, 3 dimensions");
    private static readonly IdxKind Labels = new("label", 0x00000801, 1, "unsigned bytes, 1 dimension");

    /// <summary>
    /// Reads an IDX image file (magic number 0x00000803) into a float32 tensor of shape
    /// (count, 1, rows, columns) with pixel values scaled from 0..255 to [0, 1].
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an IDX image file, or is truncated or damaged.</exception>
    public static Tensor ReadImages(string path)
    {
        var (shape, pixels) = Read(path, Images);
        using var scope = torch.NewDisposeScope();
        return AsByteTensor(pixels)
            .reshape(shape[0], 1, shape[1], shape[2])
            .to_type(ScalarType.Float32)
            .div_(255f)
            .MoveToOuterDisposeScope();
    }

    /// <summary>Reads an IDX label file (magic number 0x00000801) into an int64 tensor of shape (count).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an IDX label file, or is truncated or damaged.</exception>
    public static Tensor ReadLabels(string path)
    {
        var (_, labels) = Read(path, Labels);
        using var scope = torch.NewDisposeScope();
        return AsByteTensor(labels)
            .to_type(ScalarType.Int64)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Reads one split (for example MNIST's training set) from its image file and its label file, and checks
    /// that both hold the same number of samples.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is invalid, or the image and label counts differ.</exception>
    public static LabeledImages ReadSplit(string imagesPath, string labelsPath)
    {
        // Frees whatever was already read if a later step throws.
        using var scope = torch.NewDisposeScope();
        Tensor labels = ReadLabels(labelsPath);
        Tensor images = ReadImages(imagesPath);
        if (images.shape[0] != labels.shape[0])
        {
            throw new InvalidDataException(
                $"Image/label count mismatch: IDX image file '{Path.GetFullPath(imagesPath)}' holds {images.shape[0]} images, " +
                $"but IDX label file '{Path.GetFullPath(labelsPath)}' holds {labels.shape[0]} labels. " +
                "Pair images and labels of the same split (train-images with train-labels, t10k-images with t10k-labels); " +
                "if they are already paired, one file is damaged: get a fresh copy.");
        }
        return new LabeledImages(images, labels);
    }

    private static Tensor AsByteTensor(byte[] data) =>
        // frombuffer shares the array instead of copying it (the float/int64 conversion is the one copy needed),
        // but rejects an empty array.
        data.Length == 0 ? torch.empty(0, ScalarType.Byte) : torch.frombuffer(data, ScalarType.Byte);

    private static (int[] Shape, byte[] Data) Read(string path, IdxKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        string file = $"IDX {kind.Noun} file '{fullPath}'";

        using FileStream stream = Open(fullPath, kind);
        using Stream content = Gzip.OpenMaybeCompressed(stream);
        bool compressed = !ReferenceEquals(content, stream);
        string afterDecompression = compressed ? " after decompression" : "";

        int headerSize = 4 + 4 * kind.Dimensions;
        Span<byte> header = stackalloc byte[headerSize];
        int headerRead = ReadFully(content, header, file);
        if (headerRead < 4)
        {
            throw new InvalidDataException(
                $"{file} is truncated: expected at least {headerSize} header bytes, got {headerRead}{afterDecompression}. " +
                "The file is incomplete (an interrupted download?); get a fresh copy.");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != kind.Magic)
        {
            throw new InvalidDataException(
                $"{file} has the wrong magic number: expected 0x{kind.Magic:X8} ({kind.MagicMeaning}), found 0x{magic:X8}. " +
                HintForMagic(magic, kind));
        }
        if (headerRead < headerSize)
        {
            throw new InvalidDataException(
                $"{file} is truncated: expected {headerSize} header bytes, got {headerRead}{afterDecompression}. " +
                "The file is incomplete (an interrupted download?); get a fresh copy.");
        }

        var shape = new int[kind.Dimensions];
        long size = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * i)..]);
            // A count of zero is a valid (empty) file; a zero-sized image is not.
            if (shape[i] < 0 || (i > 0 && shape[i] == 0))
            {
                throw new InvalidDataException(
                    $"{file} has a damaged header: dimension {i} is {shape[i]}. Get a fresh copy.");
            }
            size *= shape[i];
            if (size > Array.MaxLength)
            {
                throw new InvalidDataException(
                    $"{file} has a damaged header: it declares ({string.Join(", ", shape[..(i + 1)])}...) = more than " +
                    $"{Array.MaxLength} bytes of data. Get a fresh copy.");
            }
        }

        long expected = headerSize + size;
        string contents = kind.Dimensions == 3
            ? $"a {headerSize}-byte header and {shape[0]} images of {shape[1]}x{shape[2]} pixels"
            : $"a {headerSize}-byte header and {shape[0]} labels";
        // A plain file's length is known up front: fail before allocating for a file that cannot be whole.
        if (!compressed && stream.Length != expected)
        {
            throw LengthMismatch(file, expected, stream.Length, contents, afterDecompression);
        }

        byte[] data = GC.AllocateUninitializedArray<byte>((int)size);
        int dataRead = ReadFully(content, data, file);
        if (dataRead < size)
        {
            throw LengthMismatch(file, expected, headerSize + dataRead, contents, afterDecompression);
        }
        if (compressed && ReadFully(content, stackalloc byte[1], file) > 0)
        {
            throw new InvalidDataException(
                $"{file} is longer than its header says: expected {expected} bytes ({contents}), got more{afterDecompression}. " +
                "It is damaged or not an IDX file; get a fresh copy.");
        }
        return (shape, data);
    }

    private static FileStream Open(string fullPath, IdxKind kind)
    {
        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException(
                $"IDX {kind.Noun} file not found: '{fullPath}'. Check the path (the file may be plain or gzip-compressed).",
                fullPath, ex);
        }
    }

    private static int ReadFully(Stream content, Span<byte> buffer, string file)
    {
        try
        {
            return content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            // Only the gzip decoder throws this here; name the file it choked on.
            throw new InvalidDataException(
                $"{file} is gzip-compressed, but the compressed data is damaged ({ex.Message}). Get a fresh copy.", ex);
        }
    }

    private static InvalidDataException LengthMismatch(string file, long expected, long actual, string contents, string afterDecompression) =>
        actual < expected
            ? new InvalidDataException(
                $"{file} is truncated: expected {expected} bytes ({contents}), got {actual}{afterDecompression}. " +
                "The file is incomplete (an interrupted download?); get a fresh copy.")
            : new InvalidDataException(
                $"{file} is longer than its header says: expected {expected} bytes ({contents}), got {actual}{afterDecompression}. " +
                "It is damaged or not an IDX file; get a fresh copy.");

    private static string HintForMagic(int magic, IdxKind expected)
    {
        IdxKind other = expected == Images ? Labels : Images;
        if (magic == other.Magic)
        {
            return $"That is an IDX {other.Noun} file: check that the image and label paths are not swapped.";
        }
        if ((magic >>> 16) == 0x1f8b)
        {
            return "The file is gzip-compressed twice: decompress it once more.";
        }
        if ((magic >>> 16) == 0)
        {
            return $"It is an IDX file of another element type or rank, not {expected.Noun}s stored as unsigned bytes.";
        }
        return "It is not an IDX file: it may be damaged, or something else saved under this name " +
               "(an HTML error page from a failed download, for example). Get a fresh copy.";
    }

    private sealed record IdxKind(string Noun, int Magic, int Dimensions, string MagicMeaning);
}
