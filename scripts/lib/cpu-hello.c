/* cpu-hello: built twice by scripts/build-emulation-image.sh, for x86-64 and for arm64 (static), so a student can run
 * the same program natively and through qemu-user.
 *   cpu-hello            prints the machine the program was built for and the one uname(2) reports
 *   cpu-hello work N     N rounds of: fill 100,000 numbers (xorshift) and sort them with qsort; prints a checksum (the
 *                        medians' sum, equal on every CPU) and the milliseconds taken. Sorting calls a comparison
 *                        function through a pointer millions of times: indirect jumps and memory traffic, the kind
 *                        of code an emulator translates least well (a tight arithmetic loop hides most of the cost).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#if defined(__aarch64__)
#define BUILT_FOR "aarch64 (arm64)"
#elif defined(__x86_64__)
#define BUILT_FOR "x86_64 (amd64)"
#else
#define BUILT_FOR "another CPU"
#endif

#define NUMBERS 100000

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    struct utsname u;
    if (uname(&u) != 0) {
        perror("uname");
        return 1;
    }
    if (argc == 3 && strcmp(argv[1], "work") == 0) {
        char *end;
        long rounds = strtol(argv[2], &end, 10);
        if (*end != '\0' || rounds < 1 || rounds > 1000) {
            fprintf(stderr, "cpu-hello: work takes 1 to 1000 rounds, not %s\n", argv[2]);
            return 2;
        }
        uint32_t *numbers = malloc(NUMBERS * sizeof *numbers);
        if (numbers == NULL) {
            perror("malloc");
            return 1;
        }
        uint64_t x = 88172645463325252ULL, sum = 0;
        double start = now_ms();
        for (long r = 0; r < rounds; r++) {
            for (long i = 0; i < NUMBERS; i++) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                numbers[i] = (uint32_t)x;
            }
            qsort(numbers, NUMBERS, sizeof *numbers, compare);
            sum += numbers[NUMBERS / 2];
        }
        printf("%ld sorts on %s: checksum %llu, %.0f ms\n", rounds, u.machine, (unsigned long long)sum, now_ms() - start);
        free(numbers);
        return 0;
    }
    if (argc != 1) {
        fprintf(stderr, "usage: cpu-hello [work ROUNDS]\n");
        return 2;
    }
    printf("built for %s; uname says this machine is %s\n", BUILT_FOR, u.machine);
    return 0;
}
