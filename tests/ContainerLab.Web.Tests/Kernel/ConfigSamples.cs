namespace ContainerLab.Web.Tests.Kernel;

/// <summary>config.json texts for the annotated listing.</summary>
internal static class ConfigSamples
{
    /// <summary>
    /// What the daemon wrote for a busybox sandbox with 64 MiB, 64 pids and 0.5 CPUs, cut short (4 device rules, 3 seccomp
    /// rules, the first naming 20 syscalls), plus a time namespace so every namespace type appears.
    /// </summary>
    public const string Typical = """
        {
          "ociVersion": "1.0.2",
          "root": {
            "path": "/var/lib/containerlab/sandboxes/1a2b3c4d5e6f/rootfs",
            "readonly": false
          },
          "process": {
            "terminal": false,
            "user": {
              "uid": 0,
              "gid": 0,
              "additionalGids": []
            },
            "args": [
              "sleep",
              "3600"
            ],
            "env": [
              "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
              "HOSTNAME=node1"
            ],
            "cwd": "/",
            "capabilities": {
              "bounding": [
                "CAP_CHOWN",
                "CAP_DAC_OVERRIDE",
                "CAP_FSETID",
                "CAP_FOWNER",
                "CAP_MKNOD",
                "CAP_NET_RAW",
                "CAP_SETGID",
                "CAP_SETUID",
                "CAP_SETPCAP",
                "CAP_NET_BIND_SERVICE",
                "CAP_SYS_CHROOT",
                "CAP_KILL",
                "CAP_AUDIT_WRITE"
              ],
              "effective": [
                "CAP_CHOWN",
                "CAP_DAC_OVERRIDE",
                "CAP_FSETID",
                "CAP_FOWNER",
                "CAP_MKNOD",
                "CAP_NET_RAW",
                "CAP_SETGID",
                "CAP_SETUID",
                "CAP_SETPCAP",
                "CAP_NET_BIND_SERVICE",
                "CAP_SYS_CHROOT",
                "CAP_KILL",
                "CAP_AUDIT_WRITE"
              ],
              "inheritable": [],
              "permitted": [
                "CAP_CHOWN",
                "CAP_DAC_OVERRIDE",
                "CAP_FSETID",
                "CAP_FOWNER",
                "CAP_MKNOD",
                "CAP_NET_RAW",
                "CAP_SETGID",
                "CAP_SETUID",
                "CAP_SETPCAP",
                "CAP_NET_BIND_SERVICE",
                "CAP_SYS_CHROOT",
                "CAP_KILL",
                "CAP_AUDIT_WRITE"
              ],
              "ambient": []
            },
            "rlimits": [
              {
                "type": "RLIMIT_NOFILE",
                "hard": 1024,
                "soft": 1024
              }
            ],
            "noNewPrivileges": true
          },
          "hostname": "node1",
          "mounts": [
            {
              "destination": "/proc",
              "type": "proc",
              "source": "proc",
              "options": [
                "nosuid",
                "noexec",
                "nodev"
              ]
            },
            {
              "destination": "/dev",
              "type": "tmpfs",
              "source": "tmpfs",
              "options": [
                "nosuid",
                "strictatime",
                "mode=755",
                "size=65536k"
              ]
            },
            {
              "destination": "/dev/pts",
              "type": "devpts",
              "source": "devpts",
              "options": [
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620"
              ]
            },
            {
              "destination": "/dev/shm",
              "type": "tmpfs",
              "source": "shm",
              "options": [
                "nosuid",
                "noexec",
                "nodev",
                "mode=1777",
                "size=65536k"
              ]
            },
            {
              "destination": "/dev/mqueue",
              "type": "mqueue",
              "source": "mqueue",
              "options": [
                "nosuid",
                "noexec",
                "nodev"
              ]
            },
            {
              "destination": "/sys",
              "type": "sysfs",
              "source": "sysfs",
              "options": [
                "nosuid",
                "noexec",
                "nodev",
                "ro"
              ]
            },
            {
              "destination": "/sys/fs/cgroup",
              "type": "cgroup",
              "source": "cgroup",
              "options": [
                "nosuid",
                "noexec",
                "nodev",
                "relatime",
                "ro"
              ]
            },
            {
              "destination": "/etc/hosts",
              "type": "bind",
              "source": "/var/lib/containerlab/sandboxes/1a2b3c4d5e6f/hosts",
              "options": [
                "rbind",
                "rprivate"
              ]
            },
            {
              "destination": "/etc/hostname",
              "type": "bind",
              "source": "/var/lib/containerlab/sandboxes/1a2b3c4d5e6f/hostname",
              "options": [
                "rbind",
                "rprivate"
              ]
            }
          ],
          "linux": {
            "namespaces": [
              {
                "type": "pid"
              },
              {
                "type": "mount"
              },
              {
                "type": "uts"
              },
              {
                "type": "ipc"
              },
              {
                "type": "network"
              },
              {
                "type": "cgroup"
              },
              {
                "type": "user"
              },
              {
                "type": "time"
              }
            ],
            "uidMappings": [
              {
                "containerID": 0,
                "hostID": 3000000000,
                "size": 65536
              }
            ],
            "gidMappings": [
              {
                "containerID": 0,
                "hostID": 3000000000,
                "size": 65536
              }
            ],
            "cgroupsPath": "/containerlab/1a2b3c4d5e6f",
            "resources": {
              "devices": [
                {
                  "allow": false,
                  "access": "rwm"
                },
                {
                  "allow": true,
                  "type": "c",
                  "major": 1,
                  "minor": 3,
                  "access": "rwm"
                },
                {
                  "allow": true,
                  "type": "c",
                  "major": 1,
                  "minor": 5,
                  "access": "rwm"
                },
                {
                  "allow": true,
                  "type": "c",
                  "major": 136,
                  "access": "rwm"
                }
              ],
              "memory": {
                "limit": 67108864,
                "swap": 67108864
              },
              "cpu": {
                "quota": 50000,
                "period": 100000
              },
              "pids": {
                "limit": 64
              }
            },
            "seccomp": {
              "defaultAction": "SCMP_ACT_ALLOW",
              "architectures": [
                "SCMP_ARCH_X86_64",
                "SCMP_ARCH_X86",
                "SCMP_ARCH_X32"
              ],
              "syscalls": [
                {
                  "names": [
                    "keyctl",
                    "add_key",
                    "request_key",
                    "bpf",
                    "perf_event_open",
                    "kexec_load",
                    "kexec_file_load",
                    "init_module",
                    "finit_module",
                    "delete_module",
                    "create_module",
                    "get_kernel_syms",
                    "query_module",
                    "iopl",
                    "ioperm",
                    "vm86",
                    "vm86old",
                    "swapon",
                    "swapoff",
                    "reboot"
                  ],
                  "action": "SCMP_ACT_ERRNO",
                  "errnoRet": 1
                },
                {
                  "names": [
                    "socket"
                  ],
                  "action": "SCMP_ACT_ERRNO",
                  "errnoRet": 1,
                  "args": [
                    {
                      "index": 0,
                      "value": 38,
                      "op": "SCMP_CMP_EQ"
                    }
                  ]
                },
                {
                  "names": [
                    "socket"
                  ],
                  "action": "SCMP_ACT_ERRNO",
                  "errnoRet": 1,
                  "args": [
                    {
                      "index": 0,
                      "value": 40,
                      "op": "SCMP_CMP_EQ"
                    }
                  ]
                }
              ]
            },
            "maskedPaths": [
              "/proc/asound",
              "/proc/acpi",
              "/proc/kcore",
              "/proc/keys",
              "/proc/latency_stats",
              "/proc/timer_list",
              "/proc/timer_stats",
              "/proc/sched_debug",
              "/proc/scsi",
              "/sys/firmware",
              "/sys/devices/virtual/powercap"
            ],
            "readonlyPaths": [
              "/proc/bus",
              "/proc/fs",
              "/proc/irq",
              "/proc/sys",
              "/proc/sysrq-trigger"
            ]
          }
        }
        """;

    public const string Malformed = """{ "ociVersion": "1.0.2", "linux": { "namespaces": [ """;

    public const string EmptyObject = "{}";

    /// <summary>Valid JSON, but every annotated part has a value of the wrong kind.</summary>
    public const string WrongKinds = """
        {
          "ociVersion": 1,
          "process": { "user": "root", "capabilities": { "bounding": "all" }, "rlimits": [ "nofile" ] },
          "mounts": [ 7, { "type": "proc" } ],
          "linux": {
            "namespaces": [ "pid", { "type": 3 } ],
            "uidMappings": { "containerID": 0 },
            "resources": { "memory": { "limit": "lots", "swap": [] }, "cpu": { "quota": "half" }, "pids": { "limit": -1 } },
            "seccomp": { "defaultAction": 0, "syscalls": [ { "names": "keyctl" } ] },
            "maskedPaths": [ 1, 2 ]
          }
        }
        """;
}
