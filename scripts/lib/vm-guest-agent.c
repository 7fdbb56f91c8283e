/*
 * clab-agent: the guest's side of a VM node's agent channel, a virtio-serial port (/dev/vport0p1) whose other end
 * is a unix socket of containerlabd. It runs commands for the host (exec, with stdin, stdout, stderr and the exit
 * status kept apart) and says who it is (the guest's kernel release) when it starts. Built static by
 * scripts/build-vm-image.sh into the guest's initramfs; started by the guest's init.
 *
 * Frames both ways: type (1 byte), id (u32 little-endian), length (u32 little-endian, at most MAX_PAYLOAD), payload.
 *   host -> guest  'E' exec   payload: cwd NUL, argv[0] NUL ... argv[n] NUL, NUL, env "K=V" NUL ...
 *                  'I' stdin  payload: bytes; an empty payload closes the process's stdin
 *                  'K' signal payload: 1 byte, the signal number
 *   guest -> host  'H' hello  payload: the kernel release (uname -r)
 *                  'S' started payload: pid (u32)          'F' failed to start  payload: the reason, text
 *                  'O' stdout / 'R' stderr payload: bytes  'X' exit  payload: status (u32): code, or 128 + signal
 * The host is trusted here (the guest is the student's anyway); malformed frames end the agent, and init restarts it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAYLOAD (64 * 1024)
#define MAX_CHILDREN 32
#define MAX_STDIN (1024 * 1024)
#define DRAIN_MS 1000 /* after exit, how long output still held open by a background child is awaited */

struct child {
    uint32_t id;
    pid_t pid;         /* 0: slot free */
    int in, out, err;  /* our ends of its pipes, -1 when closed */
    char *pending;     /* stdin not yet written */
    size_t pending_len;
    int stdin_eof;     /* close stdin once pending is written */
    int exited, status;
    long long exited_at;
};

static int port;
static struct child children[MAX_CHILDREN];

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void write_all(int fd, const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) { struct pollfd w = {fd, POLLOUT, 0}; poll(&w, 1, -1); continue; }
        if (n <= 0) exit(2); /* the port is gone: init starts us again */
        p += n; len -= (size_t)n;
    }
}

static void put32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static uint32_t get32(const unsigned char *p) { return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void send_frame(char type, uint32_t id, const void *payload, uint32_t len) {
    unsigned char head[9];
    head[0] = (unsigned char)type; put32(head + 1, id); put32(head + 5, len);
    write_all(port, head, sizeof head);
    if (len) write_all(port, payload, len);
}

static void send32(char type, uint32_t id, uint32_t value) {
    unsigned char b[4]; put32(b, value); send_frame(type, id, b, 4);
}

static void read_all(int fd, void *data, size_t len) {
    char *p = data;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) { struct pollfd r = {fd, POLLIN, 0}; poll(&r, 1, -1); continue; }
        if (n <= 0) exit(2);
        p += n; len -= (size_t)n;
    }
}

static struct child *find(uint32_t id) {
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i].pid && children[i].id == id) return &children[i];
    return NULL;
}

static void close_fd(int *fd) { if (*fd >= 0) { close(*fd); *fd = -1; } }

static void start(uint32_t id, char *payload, uint32_t len) {
    /* payload: cwd, argv..., "", env... each NUL-terminated */
    char *argv[256], *envp[256];
    int argc = 0, envc = 0, in_env = 0;
    char *cwd = NULL, *p = payload, *end = payload + len;
    if (len == 0 || payload[len - 1] != '\0') { send_frame('F', id, "malformed exec frame", 20); return; }
    cwd = p; p += strlen(p) + 1;
    while (p < end) {
        if (!in_env && *p == '\0') { in_env = 1; p++; continue; }
        if (in_env) { if (envc < 255) envp[envc++] = p; }
        else if (argc < 255) argv[argc++] = p;
        p += strlen(p) + 1;
    }
    argv[argc] = NULL; envp[envc] = NULL;
    if (argc == 0) { send_frame('F', id, "no command", 10); return; }
    struct child *c = NULL;
    for (int i = 0; i < MAX_CHILDREN && !c; i++) if (!children[i].pid) c = &children[i];
    if (!c) { send_frame('F', id, "the agent already runs 32 commands", 34); return; }
    int in[2], out[2], err[2], report[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) || pipe2(report, O_CLOEXEC)) {
        char m[128]; int n = snprintf(m, sizeof m, "pipe: %s", strerror(errno)); send_frame('F', id, m, (uint32_t)n); return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        char m[128]; int n = snprintf(m, sizeof m, "fork: %s", strerror(errno)); send_frame('F', id, m, (uint32_t)n);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]); close(err[0]); close(err[1]); close(report[0]); close(report[1]);
        return;
    }
    if (pid == 0) {
        sigset_t none; sigemptyset(&none); sigprocmask(SIG_SETMASK, &none, NULL);
        setsid(); /* its own session and process group: a signal reaches what it started too */
        dup2(in[0], 0); dup2(out[1], 1); dup2(err[1], 2);
        int e = 0;
        if (*cwd && chdir(cwd) != 0) e = errno;
        else { execvpe(argv[0], argv, envp); e = errno; }
        /* tell the agent why, through a pipe that exec would have closed */
        write(report[1], &e, sizeof e);
        _exit(127);
    }
    close(in[0]); close(out[1]); close(err[1]); close(report[1]);
    int e = 0;
    ssize_t n;
    do n = read(report[0], &e, sizeof e); while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == sizeof e) {
        char m[512]; int k = snprintf(m, sizeof m, "%s: %s", *cwd && e == ENOENT && access(cwd, F_OK) ? cwd : argv[0], strerror(e));
        send_frame('F', id, m, (uint32_t)k);
        close(in[1]); close(out[0]); close(err[0]);
        waitpid(pid, NULL, 0);
        return;
    }
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    memset(c, 0, sizeof *c);
    c->id = id; c->pid = pid; c->in = in[1]; c->out = out[0]; c->err = err[0];
    send32('S', id, (uint32_t)pid);
}

static void flush_stdin(struct child *c) {
    while (c->in >= 0 && c->pending_len > 0) {
        ssize_t n = write(c->in, c->pending, c->pending_len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return;
        if (n < 0) { c->pending_len = 0; break; } /* EPIPE: it stopped reading */
        memmove(c->pending, c->pending + n, c->pending_len - (size_t)n);
        c->pending_len -= (size_t)n;
    }
    if (c->pending_len == 0) { free(c->pending); c->pending = NULL; if (c->stdin_eof) close_fd(&c->in); }
}

static void handle_frame(void) {
    unsigned char head[9];
    read_all(port, head, sizeof head);
    uint32_t id = get32(head + 1), len = get32(head + 5);
    if (len > MAX_PAYLOAD) exit(3);
    char *payload = malloc(len + 1);
    if (!payload) exit(4);
    read_all(port, payload, len);
    payload[len] = '\0';
    struct child *c;
    switch (head[0]) {
    case 'E': start(id, payload, len); break;
    case 'I':
        if (!(c = find(id)) || c->in < 0) break;
        if (len == 0) c->stdin_eof = 1;
        else if (c->pending_len + len <= MAX_STDIN) {
            c->pending = realloc(c->pending, c->pending_len + len);
            memcpy(c->pending + c->pending_len, payload, len);
            c->pending_len += len;
        }
        flush_stdin(c);
        break;
    case 'K':
        if ((c = find(id)) && len == 1 && !c->exited) kill(-c->pid, (unsigned char)payload[0]);
        break;
    default: exit(3);
    }
    free(payload);
}

static void pump(struct child *c, int *fd, char type) {
    char buffer[16384];
    ssize_t n = read(*fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) { close_fd(fd); return; }
    send_frame(type, c->id, buffer, (uint32_t)n);
}

/* Sends what the pipe holds now, without waiting for more. */
static void drain(struct child *c, int *fd, char type) {
    if (*fd < 0) return;
    fcntl(*fd, F_SETFL, O_NONBLOCK);
    char buffer[16384];
    ssize_t n;
    while ((n = read(*fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0) send_frame(type, c->id, buffer, (uint32_t)n);
}

static void reap(void) {
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        for (int i = 0; i < MAX_CHILDREN; i++)
            if (children[i].pid == pid) {
                children[i].exited = 1;
                children[i].status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                children[i].exited_at = now_ms();
            }
}

static void finish(void) {
    for (int i = 0; i < MAX_CHILDREN; i++) {
        struct child *c = &children[i];
        if (!c->pid || !c->exited) continue;
        if ((c->out >= 0 || c->err >= 0) && now_ms() - c->exited_at < DRAIN_MS) continue;
        /* Past the bound a background child still holds the pipes open; what the command itself wrote before its exit
         * is in them already and is sent, whatever the clock did meanwhile (under TCG on a busy host the guest's
         * monotonic clock can jump by more than the bound between two turns of the loop). */
        drain(c, &c->out, 'O'); drain(c, &c->err, 'R');
        close_fd(&c->in); close_fd(&c->out); close_fd(&c->err);
        free(c->pending);
        send32('X', c->id, (uint32_t)c->status);
        memset(c, 0, sizeof *c);
    }
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/dev/vport0p1";
    port = open(path, O_RDWR | O_CLOEXEC);
    if (port < 0) { fprintf(stderr, "clab-agent: open %s: %s\n", path, strerror(errno)); return 1; }
    signal(SIGPIPE, SIG_IGN);
    sigset_t chld; sigemptyset(&chld); sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    struct utsname u; uname(&u);
    send_frame('H', 0, u.release, (uint32_t)strlen(u.release));
    for (;;) {
        struct pollfd fds[2 + 3 * MAX_CHILDREN];
        struct { struct child *c; int which; } who[2 + 3 * MAX_CHILDREN];
        int n = 0, draining = 0;
        fds[n] = (struct pollfd){port, POLLIN, 0}; n++;
        fds[n] = (struct pollfd){sfd, POLLIN, 0}; n++;
        for (int i = 0; i < MAX_CHILDREN; i++) {
            struct child *c = &children[i];
            if (!c->pid) continue;
            if (c->exited) draining = 1;
            if (c->out >= 0) { who[n].c = c; who[n].which = 1; fds[n++] = (struct pollfd){c->out, POLLIN, 0}; }
            if (c->err >= 0) { who[n].c = c; who[n].which = 2; fds[n++] = (struct pollfd){c->err, POLLIN, 0}; }
            if (c->in >= 0 && c->pending_len) { who[n].c = c; who[n].which = 0; fds[n++] = (struct pollfd){c->in, POLLOUT, 0}; }
        }
        int ready = poll(fds, (nfds_t)n, draining ? 100 : -1);
        if (ready < 0 && errno != EINTR) return 5;
        if (ready > 0) {
            for (int i = 2; i < n; i++) {
                if (!fds[i].revents) continue;
                struct child *c = who[i].c;
                if (who[i].which == 1) pump(c, &c->out, 'O');
                else if (who[i].which == 2) pump(c, &c->err, 'R');
                else if (fds[i].revents & (POLLERR | POLLHUP)) { c->pending_len = 0; flush_stdin(c); }
                else flush_stdin(c);
            }
            if (fds[1].revents) { struct signalfd_siginfo info; while (read(sfd, &info, sizeof info) > 0) {} }
            if (fds[0].revents & POLLIN) handle_frame();
            else if (fds[0].revents & (POLLERR | POLLHUP)) { struct timespec t = {0, 100000000}; nanosleep(&t, NULL); }
        }
        reap();
        finish();
    }
}
