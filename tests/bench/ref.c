/*
 * The reference for `make bench`: one writer and one reader move items of
 * one size over one mechanism, written the straightforward way, with the
 * buffer ipcscope gives the transport (SLOTS items). The reader checks
 * each item as ipcscope's bench does (its number, then every byte), so
 * both do the same work per item.
 *
 *   bench-ref TRANSPORT SIZE SECONDS SLOTS
 *
 * prints one JSON line: {"transport":..,"size":..,"items_s":..,"verified":..}
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct shared {
	_Atomic unsigned long	received, bad;
	_Atomic int		ready;
};

static struct shared	*sh;
static size_t		 size;
static int		 slots;
static unsigned char	*item, *got;

/* What each mechanism needs, made before fork. */
static int	 fds[2] = { -1, -1 };
static int	 shmid = -1, semid = -1, qid = -1;
static mqd_t	 mq = (mqd_t)-1;
static char	 name[64], fifo[128];
static unsigned char *ring;	/* shm: in, out, slots */
static sem_t	*psem;		/* posix-shm: empty, full, mutex */

static void
die(const char *what)
{
	fprintf(stderr, "bench-ref: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
fill(uint32_t seq)
{
	memcpy(item, &seq, sizeof(seq));
}

static void
check(uint32_t want)
{
	uint32_t	seq;

	memcpy(&seq, got, sizeof(seq));
	if (seq != want || memcmp(got + 8, item + 8, size - 8) != 0)
		sh->bad++;
	sh->received++;
}

static void
semop1(int num, int op)
{
	struct sembuf	b = { (unsigned short)num, (short)op, 0 };

	while (semop(semid, &b, 1) == -1)
		if (errno != EINTR)
			_exit(1);
}

static void
psem_wait(int i)
{
	while (sem_wait(&psem[i]) == -1)
		if (errno != EINTR)
			_exit(1);
}

/* The textbook bounded buffer: empty, full, mutex; in and out. */
static void
ring_put(void)
{
	uint32_t	*in = (uint32_t *)ring;

	memcpy(ring + 8 + (size_t)*in * size, item, size);
	*in = (*in + 1) % (uint32_t)slots;
}

static void
ring_take(void)
{
	uint32_t	*out = (uint32_t *)ring + 1;

	memcpy(got, ring + 8 + (size_t)*out * size, size);
	*out = (*out + 1) % (uint32_t)slots;
}

static void
full_io(ssize_t (*io)(int, void *, size_t), int fd, unsigned char *buf)
{
	size_t	done = 0;
	ssize_t	n;

	while (done < size) {
		if ((n = io(fd, buf + done, size - done)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			_exit(1);
		}
		done += (size_t)n;
	}
}

static ssize_t
wr(int fd, void *b, size_t n)
{
	return (write(fd, b, n));
}

static void
writer(const char *t)
{
	struct { long mtype; unsigned char text[65536]; } *m = NULL;
	uint32_t	seq;

	if (strcmp(t, "fifo") == 0) {
		if ((fds[1] = open(fifo, O_WRONLY)) == -1)
			_exit(1);
		fcntl(fds[1], F_SETPIPE_SZ, slots * 4096);
	}
	if (strcmp(t, "sysv-msg") == 0 && (m = malloc(sizeof(*m))) == NULL)
		_exit(1);
	sh->ready++;
	for (seq = 1;; seq++) {
		fill(seq);
		if (strcmp(t, "sysv-shm") == 0) {
			semop1(0, -1);
			semop1(2, -1);
			ring_put();
			semop1(2, +1);
			semop1(1, +1);
		} else if (strcmp(t, "posix-shm") == 0) {
			psem_wait(0);
			psem_wait(2);
			ring_put();
			sem_post(&psem[2]);
			sem_post(&psem[1]);
		} else if (strcmp(t, "sysv-msg") == 0) {
			m->mtype = 1;
			memcpy(m->text, item, size);
			while (msgsnd(qid, m, size, 0) == -1)
				if (errno != EINTR)
					_exit(1);
		} else if (strcmp(t, "posix-mq") == 0) {
			while (mq_send(mq, (char *)item, size, 0) == -1)
				if (errno != EINTR)
					_exit(1);
		} else
			full_io(wr, fds[1], item);
	}
}

static void
reader(const char *t)
{
	struct { long mtype; unsigned char text[65536]; } *m = NULL;
	uint32_t	seq;

	if (strcmp(t, "fifo") == 0 && (fds[0] = open(fifo, O_RDONLY)) == -1)
		_exit(1);
	if (strcmp(t, "sysv-msg") == 0 && (m = malloc(sizeof(*m))) == NULL)
		_exit(1);
	sh->ready++;
	for (seq = 1;; seq++) {
		if (strcmp(t, "sysv-shm") == 0) {
			semop1(1, -1);
			semop1(2, -1);
			ring_take();
			semop1(2, +1);
			semop1(0, +1);
		} else if (strcmp(t, "posix-shm") == 0) {
			psem_wait(1);
			psem_wait(2);
			ring_take();
			sem_post(&psem[2]);
			sem_post(&psem[0]);
		} else if (strcmp(t, "sysv-msg") == 0) {
			while (msgrcv(qid, m, size, 0, 0) == -1)
				if (errno != EINTR)
					_exit(1);
			memcpy(got, m->text, size);
		} else if (strcmp(t, "posix-mq") == 0) {
			while (mq_receive(mq, (char *)got, size, NULL) == -1)
				if (errno != EINTR)
					_exit(1);
		} else
			full_io(read, fds[0], got);
		check(seq);
	}
}

static void
make(const char *t)
{
	size_t		 len = 8 + (size_t)slots * size;
	unsigned short	 init[3] = { (unsigned short)slots, 0, 1 };
	struct mq_attr	 a;
	struct msqid_ds	 ds;
	int		 fd, i, v;

	if (strcmp(t, "sysv-shm") == 0) {
		if ((shmid = shmget(IPC_PRIVATE, len, 0600)) == -1 ||
		    (ring = shmat(shmid, NULL, 0)) == (void *)-1)
			die("shmget");
		shmctl(shmid, IPC_RMID, NULL);	/* gone once both detach */
		if ((semid = semget(IPC_PRIVATE, 3, 0600)) == -1 ||
		    semctl(semid, 0, SETALL, init) == -1)
			die("semget");
	} else if (strcmp(t, "posix-shm") == 0) {
		snprintf(name, sizeof(name), "/bench-ref.%d", (int)getpid());
		if ((fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600)) == -1)
			die("shm_open");
		shm_unlink(name);
		if (ftruncate(fd, (off_t)(len + 3 * sizeof(sem_t))) == -1 ||
		    (psem = mmap(NULL, len + 3 * sizeof(sem_t), PROT_READ |
		    PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
			die("mmap");
		close(fd);
		for (i = 0; i < 3; i++)
			sem_init(&psem[i], 1, init[i]);
		ring = (unsigned char *)(psem + 3);
	} else if (strcmp(t, "sysv-msg") == 0) {
		if ((qid = msgget(IPC_PRIVATE, 0600)) == -1 ||
		    msgctl(qid, IPC_STAT, &ds) == -1)
			die("msgget");
		/* As ipcscope: room for SLOTS items, within msgmnb. */
		if ((size_t)slots * size < ds.msg_qbytes)
			ds.msg_qbytes = (size_t)slots * size;
		msgctl(qid, IPC_SET, &ds);
	} else if (strcmp(t, "posix-mq") == 0) {
		snprintf(name, sizeof(name), "/bench-ref.%d", (int)getpid());
		memset(&a, 0, sizeof(a));
		a.mq_maxmsg = slots;
		a.mq_msgsize = (long)size;
		for (;;) {
			mq = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
			if (mq != (mqd_t)-1 || errno != EINVAL || a.mq_maxmsg == 1)
				break;
			a.mq_maxmsg--;	/* within fs.mqueue.msg_max */
		}
		if (mq == (mqd_t)-1)
			die("mq_open");
		mq_unlink(name);
	} else if (strcmp(t, "pipe") == 0) {
		if (pipe(fds) == -1)
			die("pipe");
		/* As ipcscope: a page per slot. */
		fcntl(fds[1], F_SETPIPE_SZ, slots * 4096);
	} else if (strcmp(t, "fifo") == 0) {
		snprintf(fifo, sizeof(fifo), "/tmp/bench-ref.%d.fifo",
		    (int)getpid());
		if (mkfifo(fifo, 0600) == -1)
			die("mkfifo");
	} else if (strcmp(t, "unix-stream") == 0 ||
	    strcmp(t, "unix-dgram") == 0) {
		if (socketpair(AF_UNIX, strcmp(t, "unix-stream") == 0 ?
		    SOCK_STREAM : SOCK_DGRAM, 0, fds) == -1)
			die("socketpair");
		v = slots * (int)size;
		setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	} else {
		fprintf(stderr, "bench-ref: no such transport: %s\n", t);
		exit(2);
	}
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
nap(double s)
{
	struct timespec	ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

static pid_t
spawn(void (*fn)(const char *), const char *t)
{
	pid_t	pid;

	if ((pid = fork()) == -1)
		die("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fn(t);
		_exit(0);
	}
	return (pid);
}

int
main(int argc, char *argv[])
{
	const char	*t;
	pid_t		 w, r;
	unsigned long	 n0;
	double		 secs, t0, rate;

	if (argc != 5) {
		fprintf(stderr, "usage: bench-ref TRANSPORT SIZE SECONDS "
		    "SLOTS\n");
		return (2);
	}
	t = argv[1];
	size = strtoul(argv[2], NULL, 10);
	secs = strtod(argv[3], NULL);
	slots = atoi(argv[4]);
	if (size < 16 || size > 65536 || secs <= 0 || slots < 1) {
		fprintf(stderr, "bench-ref: bad size, seconds or slots\n");
		return (2);
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS, -1, 0);
	item = malloc(size);
	got = malloc(size);
	if (sh == MAP_FAILED || item == NULL || got == NULL)
		die("memory");
	memset(item, '.', size);
	make(t);
	w = spawn(writer, t);
	r = spawn(reader, t);
	while (sh->ready < 2)
		nap(0.001);
	nap(secs / 4 < 0.2 ? secs / 4 : 0.2);
	n0 = sh->received;
	t0 = now();
	nap(secs);
	rate = (double)(sh->received - n0) / (now() - t0);
	kill(w, SIGKILL);
	kill(r, SIGKILL);
	waitpid(w, NULL, 0);
	waitpid(r, NULL, 0);
	if (semid != -1)
		semctl(semid, 0, IPC_RMID);
	if (qid != -1)
		msgctl(qid, IPC_RMID, NULL);
	if (fifo[0] != '\0')
		unlink(fifo);
	printf("{\"transport\":\"%s\",\"size\":%zu,\"items_s\":%.0f,"
	    "\"verified\":%s}\n", t, size, rate, sh->bad == 0 &&
	    sh->received > 0 ? "true" : "false");
	return (0);
}
