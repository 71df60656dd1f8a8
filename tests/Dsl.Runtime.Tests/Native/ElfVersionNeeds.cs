using System;
using System.Text;

namespace Dsl.Runtime.Tests.Native;

/// <summary>
/// Reads an ELF64 file's version requirements (section SHT_GNU_verneed, entries Elf64_Verneed / Elf64_Vernaux)
/// independently of the build step that patches them.
/// </summary>
internal static class ElfVersionNeeds
{
    /// <summary>VER_FLG_WEAK in vna_flags.</summary>
    public const ushort Weak = 0x2;

    /// <summary>The file offset of the vna_flags field of the requirement named <paramref name="version"/>, or null if there is none.</summary>
    public static int? FlagsOffset(byte[] elf, string version)
    {
        long sections = BitConverter.ToInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3a);
        int count = BitConverter.ToUInt16(elf, 0x3c);
        for (int s = 0; s < count; s++)
        {
            int header = (int)(sections + (long)s * entrySize);
            if (BitConverter.ToUInt32(elf, header + 4) != 0x6ffffffe)   // SHT_GNU_verneed
                continue;
            int entry = (int)BitConverter.ToInt64(elf, header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int strings = (int)BitConverter.ToInt64(elf, (int)(sections + (long)link * entrySize) + 0x18);
            while (true)
            {
                int aux = entry + (int)BitConverter.ToUInt32(elf, entry + 8);
                for (int a = 0; a < BitConverter.ToUInt16(elf, entry + 2); a++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    int end = Array.IndexOf(elf, (byte)0, name);
                    if (Encoding.ASCII.GetString(elf, name, end - name) == version)
                        return aux + 4;
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                uint next = BitConverter.ToUInt32(elf, entry + 12);
                if (next == 0)
                    return null;
                entry += (int)next;
            }
        }
        return null;
    }

    /// <summary>Whether the requirement named <paramref name="version"/> is weak; null if there is none.</summary>
    public static bool? IsWeak(byte[] elf, string version) =>
        FlagsOffset(elf, version) is int offset ? (BitConverter.ToUInt16(elf, offset) & Weak) != 0 : null;
}
