/*
 * syscall-probe: tries one syscall that busybox has no applet for and says whether the kernel (or the
 * seccomp filter in front of it) let it through. Built static by the isolation tests
 * (gcc -static -O2) and imported into a sandbox image as /bin/syscall-probe.
 *
 *   syscall-probe NAME [ARG]
 *
 * Prints "NAME: refused ERRNO" or "NAME: allowed" (or "NAME: failed ERRNO" for a failure that is not
 * a refusal) and exits:
 *   0  refused: EPERM, EACCES or ENOSYS (seccomp's answers, and the kernel's permission checks)
 *   1  allowed: the call succeeded
 *   3  failed with another errno: the call got past the permission checks (treat as not refused)
 *   2  usage error
 * "shmget KEY" is the one probe meant to succeed: it creates a SysV segment for the IPC isolation test.
 * Arguments are chosen so that a call that is allowed does nothing harmful: a module image that is
 * not a module, a 1-entry BPF array map, a software perf counter on itself, a socket that is closed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

static const char *errno_name(int e)
{
    switch (e) {
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case ENOSYS: return "ENOSYS";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case ENOENT: return "ENOENT";
    case ENOEXEC: return "ENOEXEC";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENODEV: return "ENODEV";
    case EROFS: return "EROFS";
    case EBUSY: return "EBUSY";
    case ENOMEM: return "ENOMEM";
    case EEXIST: return "EEXIST";
    case EDQUOT: return "EDQUOT";
    default: return "E?";
    }
}

static int report(const char *name, long rc, int err)
{
    if (rc >= 0) {
        printf("%s: allowed\n", name);
        return 1;
    }
    if (err == EPERM || err == EACCES || err == ENOSYS) {
        printf("%s: refused %s\n", name, errno_name(err));
        return 0;
    }
    printf("%s: failed %s (errno %d)\n", name, errno_name(err), err);
    return 3;
}

#define PROBE(name, expr) do { errno = 0; long rc_ = (long)(expr); return report(name, rc_, errno); } while (0)

static long probe_bpf(void)
{
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    return syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
}

static long probe_perf(void)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_SOFTWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

/* A raw clone(2) with namespace flags; the child exits at once. */
static long probe_clone(unsigned long flags)
{
    long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0)
        _exit(0);
    if (pid > 0)
        waitpid((pid_t)pid, NULL, 0);
    return pid;
}

static long probe_clone3(void)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_NEWUSER;
    args.exit_signal = SIGCHLD;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0)
        _exit(0);
    if (pid > 0)
        waitpid((pid_t)pid, NULL, 0);
    return pid;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: syscall-probe keyctl|add_key|bpf|finit_module|init_module|perf_event_open|af_alg|af_vsock|"
                        "setrlimit_nofile N|unshare_user|clone_newuser|clone3_newuser|mount_tmpfs|userfaultfd|io_uring_setup|"
                        "personality_no_aslr|syslog|shmget KEY\n");
        return 2;
    }
    const char *name = argv[1];
    setvbuf(stdout, NULL, _IONBF, 0);

    if (!strcmp(name, "keyctl"))
        PROBE(name, syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 1));
    if (!strcmp(name, "add_key"))
        PROBE(name, syscall(SYS_add_key, "user", "clab-probe", "x", 1, KEY_SPEC_PROCESS_KEYRING));
    if (!strcmp(name, "bpf"))
        PROBE(name, probe_bpf());
    if (!strcmp(name, "finit_module")) {
        /* Our own binary is not a module: if the call were allowed the kernel would say ENOEXEC. */
        int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
        PROBE(name, syscall(SYS_finit_module, fd, "", 0));
    }
    if (!strcmp(name, "init_module")) {
        static char image[64];
        PROBE(name, syscall(SYS_init_module, image, sizeof image, ""));
    }
    if (!strcmp(name, "perf_event_open"))
        PROBE(name, probe_perf());
    if (!strcmp(name, "af_alg"))
        PROBE(name, socket(AF_ALG, SOCK_SEQPACKET, 0));
    if (!strcmp(name, "af_vsock"))
        PROBE(name, socket(AF_VSOCK, SOCK_STREAM, 0));
    if (!strcmp(name, "setrlimit_nofile")) {
        if (argc < 3)
            return 2;
        rlim_t n = (rlim_t)strtoull(argv[2], NULL, 10);
        struct rlimit limit = { n, n };
        PROBE(name, setrlimit(RLIMIT_NOFILE, &limit));
    }
    if (!strcmp(name, "unshare_user"))
        PROBE(name, unshare(CLONE_NEWUSER));
    if (!strcmp(name, "clone_newuser"))
        PROBE(name, probe_clone(CLONE_NEWUSER));
    if (!strcmp(name, "clone3_newuser"))
        PROBE(name, probe_clone3());
    if (!strcmp(name, "mount_tmpfs"))
        PROBE(name, mount("none", argc > 2 ? argv[2] : "/tmp", "tmpfs", 0, "size=64k"));
    if (!strcmp(name, "userfaultfd"))
        PROBE(name, syscall(SYS_userfaultfd, O_CLOEXEC));
    if (!strcmp(name, "io_uring_setup")) {
        static char params[120];
        PROBE(name, syscall(SYS_io_uring_setup, 1, params));
    }
    if (!strcmp(name, "personality_no_aslr"))
        PROBE(name, personality(PER_LINUX | ADDR_NO_RANDOMIZE));
    if (!strcmp(name, "syslog"))
        PROBE(name, syscall(SYS_syslog, 10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0));

    if (!strcmp(name, "shmget")) {
        /* Not a refusal probe: creates a SysV shared memory segment (it outlives this process, like
         * `ipcmk -M`, which Debian's busybox lacks) so a test can look for it from elsewhere. */
        if (argc < 3)
            return 2;
        key_t key = (key_t)strtol(argv[2], NULL, 0);
        PROBE(name, shmget(key, 4096, IPC_CREAT | 0600));
    }

    fprintf(stderr, "syscall-probe: unknown probe '%s'\n", name);
    return 2;
}
