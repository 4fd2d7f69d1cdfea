using System.Runtime.InteropServices;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// The calling thread's scheduling priority on Linux, where .NET's <see cref="Thread.Priority"/> does nothing: a
/// nice value for that thread alone. Raising it (a negative value) needs <c>CAP_SYS_NICE</c> or a matching
/// <c>RLIMIT_NICE</c> (systemd's <c>LimitNICE=</c>); without either the kernel refuses and nothing changes.
/// </summary>
internal static partial class ThreadNice
{
    private const int PriorityOfProcess = 0; // PRIO_PROCESS; on Linux, with who = 0, the calling thread alone

    /// <summary>Sets the calling thread's nice value; the error number when the system refused, 0 when it took.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux (elsewhere the call would renice the whole process).</exception>
    public static int TrySet(int nice)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Per-thread nice values are Linux's.");
        return SetPriority(PriorityOfProcess, 0, nice) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int prio);
}
