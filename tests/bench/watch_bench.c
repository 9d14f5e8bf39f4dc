/*
 * make bench-watch: the cost of watch's frames with 1,000 segments, 1,000
 * queues and 1,000 semaphore sets, made in the private IPC namespace this
 * runs in (the Makefile starts it under unshare --ipc; it refuses to fill
 * a namespace that already holds objects). In one run, side by side: the
 * median of one frame's sampling (watch_sample + watch_merge: the
 * /proc/sysvipc files, a *ctl call or more per object, /dev/shm, the
 * sort), the median of reading /proc/sysvipc/{shm,msg,sem} alone, their
 * ratio; then frames per second of the real screen (ipcscope watch -d 0
 * --frames N under script(1), 120x40), counted as the difference of two
 * runs so that start-up is not counted.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/watch.h"

#define OBJECTS	1000
#define ROUNDS	101

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), dbl_cmp);
	return (v[n / 2]);
}

/* Read a /proc/sysvipc file whole, as cat would; its line count. */
static long
read_all(const char *path)
{
	static char	buf[1 << 16];
	ssize_t		n;
	long		lines = 0;
	int		fd, i;

	if ((fd = open(path, O_RDONLY)) == -1)
		err(1, "%s", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return (lines);
}

static void
make_objects(int shm[], int msg[], int sem[])
{
	struct {
		long	mtype;
		char	text[32];
	} m = { 1, "hello" };
	int	i;

	for (i = 0; i < OBJECTS; i++) {
		if ((shm[i] = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)) == -1)
			err(1, "shmget %d", i);
		if ((msg[i] = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) == -1)
			err(1, "msgget %d", i);
		if ((sem[i] = semget(IPC_PRIVATE, 1 + i % 4, IPC_CREAT | 0600))
		    == -1)
			err(1, "semget %d", i);
		/* Some depth to show. */
		if (i % 3 == 0 && msgsnd(msg[i], &m, 6, IPC_NOWAIT) == -1)
			err(1, "msgsnd");
	}
}

static void
remove_objects(const int shm[], const int msg[], const int sem[])
{
	int	i;

	for (i = 0; i < OBJECTS; i++) {
		shmctl(shm[i], IPC_RMID, NULL);
		msgctl(msg[i], IPC_RMID, NULL);
		semctl(sem[i], 0, IPC_RMID);
	}
}

/* ms the screen takes for frames frames, start-up included. */
static double
screen_ms(const char *ipcscope, long frames)
{
	char	cmd[2048];
	double	t0;
	int	rc;

	snprintf(cmd, sizeof(cmd), "script -qec 'env TERM=xterm-256color "
	    "LANG=C.UTF-8 LINES=40 COLUMNS=120 %s watch -d 0 --frames %ld' "
	    "/dev/null >/dev/null 2>&1 </dev/null", ipcscope, frames);
	t0 = now_ms();
	if ((rc = system(cmd)) != 0)
		errx(1, "the screen run failed (%d): %s", rc, cmd);
	return (now_ms() - t0);
}

int
main(int argc, char *argv[])
{
	static int		 shm[OBJECTS], msg[OBJECTS], sem[OBJECTS];
	struct watch_list	 a = { 0 }, b = { 0 }, *cur = &a, *prev = &b, *t;
	double			 frame[ROUNDS], proc[ROUNDS], t0, fm, pm, s1, sn;
	long			 lines = 0, frames = 301;
	int			 r;

	if (argc != 2)
		errx(2, "usage: watch_bench IPCSCOPE (under unshare --ipc)");
	if (read_all("/proc/sysvipc/shm") + read_all("/proc/sysvipc/msg") +
	    read_all("/proc/sysvipc/sem") != 3)
		errx(2, "this IPC namespace already holds objects: run it under "
		    "unshare --ipc (make bench-watch does)");
	make_objects(shm, msg, sem);
	watch_sample(prev);
	for (r = 0; r < ROUNDS; r++) {
		t0 = now_ms();
		lines = read_all("/proc/sysvipc/shm") +
		    read_all("/proc/sysvipc/msg") + read_all("/proc/sysvipc/sem");
		proc[r] = now_ms() - t0;
		t0 = now_ms();
		watch_sample(cur);
		watch_merge(cur, prev, false);
		frame[r] = now_ms() - t0;
		t = prev, prev = cur, cur = t;
	}
	if (lines != 3 * OBJECTS + 3 || prev->n < 3 * OBJECTS)
		errx(1, "expected %d objects: /proc has %ld lines, watch %zu",
		    3 * OBJECTS, lines - 3, prev->n);
	fm = median(frame, ROUNDS);
	pm = median(proc, ROUNDS);
	printf("objects: %d shm, %d msg, %d sem (watch lists %zu)\n", OBJECTS,
	    OBJECTS, OBJECTS, prev->n);
	printf("median of %d rounds, side by side in one run:\n", ROUNDS);
	printf("  one frame's sampling (watch_sample + merge): %8.2f ms\n", fm);
	printf("  reading /proc/sysvipc/{shm,msg,sem} alone:   %8.2f ms\n", pm);
	printf("  ratio:                                        %8.1f x\n",
	    fm / pm);
	watch_free(&a);
	watch_free(&b);
	s1 = screen_ms(argv[1], 1);
	sn = screen_ms(argv[1], frames);
	printf("screen (120x40, -d 0): %ld frames in %.0f ms after start-up: "
	    "%.1f frames per second\n", frames - 1, sn - s1,
	    (frames - 1) / ((sn - s1) / 1e3));
	remove_objects(shm, msg, sem);
	return (0);
}
