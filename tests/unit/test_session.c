/*
 * The session with the sysv-shm transport, against the real kernel: fill
 * the buffer until the producer sleeps in semop, drain it until the
 * consumer does, SIGKILL a worker, stop, and find nothing left. Then the
 * snapshot against what ipcs(1) prints at the same moment.
 */
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/session.h"
#include "ipcscope/sig.h"
#include "ipcscope/transport.h"
#include "suites.h"

#define SEM_EMPTY	0
#define SEM_FULL	1
#define SEM_MUTEX	2

static struct config	cfg;
static struct snapshot	snap;
static struct report	rep;

/* The snapshot's System V segment and semaphore set (sysv-shm has one). */
static const struct snap_shm *
shm_of(const struct snapshot *sn)
{
	const struct snap_object	*o = snapshot_first(sn, OBJ_SHM);

	ck_assert_ptr_nonnull(o);
	return (&o->u.shm);
}

static const struct snap_sem *
sem_of(const struct snapshot *sn)
{
	const struct snap_object	*o = snapshot_first(sn, OBJ_SEM);

	ck_assert_ptr_nonnull(o);
	return (&o->u.sem);
}

static struct session *
start(int slots)
{
	struct session	*s;
	char		 dir[512], err[256];

	snprintf(dir, sizeof(dir), "%s/run", unit_tmpdir());
	setenv("IPCSCOPE_RUNDIR", dir, 1);
	memset(&cfg, 0, sizeof(cfg));
	cfg.transport = transport_find("sysv-shm");
	ck_assert_ptr_nonnull(cfg.transport);
	cfg.slots = slots;
	cfg.producers = 1;
	cfg.consumers = 1;
	cfg.item_size = 64;
	cfg.speed_ms = cfg.cspeed_ms = 500;
	cfg.headless = true;
	sig_open();	/* session_start wants the loop's signals blocked */
	s = session_start(&cfg, err, sizeof(err));
	ck_assert_msg(s != NULL, "session_start: %s", err);
	return (s);
}

static const struct snap_worker *
worker(enum role r)
{
	int	i;

	for (i = 0; i < snap.nworkers; i++)
		if (snap.workers[i].role == (int)r)
			return (&snap.workers[i]);
	ck_abort_msg("no %s in the snapshot", role_name(r));
	return (NULL);
}

static struct session	*polled;

/* The sleeper is off the CPU: until then /proc shows no wait channel. */
static bool
producer_wchan(void *arg)
{
	(void)arg;
	session_sample(polled, &snap);
	return (worker(ROLE_PRODUCER)->wchan[0] != '\0');
}

/* Step target until its worker is blocked; returns the steps granted. */
static int
step_until_blocked(struct session *s, enum target t, enum role r)
{
	int	n;

	for (n = 0; n < 100; n++) {
		session_sample(s, &snap);
		if (worker(r)->blocked)
			return (n);
		ck_assert_msg((report_clear(&rep), session_step(s, t, &rep)) == 0,
		    "step refused: %s", rep.event);
	}
	ck_abort_msg("%s never blocked", role_name(r));
	return (-1);
}

static int
dir_entries(const char *path)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	if ((d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return (n);
}

START_TEST(fill_drain_kill_stop)
{
	const struct snap_worker	*p, *c;
	struct shmid_ds			 ds;
	struct semid_ds			 sds;
	struct session			*s;
	char				 dir[512];
	pid_t				 ppid, cpid;
	int				 shmid, semid, n;

	s = start(2);
	session_sample(s, &snap);
	ck_assert_str_eq(snap.transport, "sysv-shm");
	ck_assert_int_eq(snap.nworkers, 2);
	ck_assert(snapshot_first(&snap, OBJ_SHM) != NULL &&
	    snapshot_first(&snap, OBJ_SEM) != NULL);
	shmid = shm_of(&snap)->id;
	semid = sem_of(&snap)->id;
	ck_assert_int_eq(sem_of(&snap)->values[SEM_EMPTY], 2);
	ck_assert_int_eq(sem_of(&snap)->values[SEM_FULL], 0);
	ck_assert_int_eq(sem_of(&snap)->values[SEM_MUTEX], 1);
	ck_assert_uint_eq(shm_of(&snap)->mode & 0777, 0600);
	/* Only the viewer's read-only attach so far. */
	ck_assert_int_eq(shm_of(&snap)->nattch, 1);
	ppid = worker(ROLE_PRODUCER)->pid;
	cpid = worker(ROLE_CONSUMER)->pid;

	/* Producers until full: attach, then 5 calls per item. */
	n = step_until_blocked(s, TARGET_PRODUCER, ROLE_PRODUCER);
	ck_assert_int_eq(n, 1 + 2 * 5 + 1);
	polled = s;
	ck_assert(unit_poll(producer_wchan, NULL, 2000));
	p = worker(ROLE_PRODUCER);
	ck_assert_int_eq(p->state, 'S');
	ck_assert_str_eq(p->phase, "wait-empty");
	ck_assert_msg(strstr(p->wchan, "semtimedop") != NULL, "wchan %s",
	    p->wchan);
	ck_assert_int_eq(sem_of(&snap)->values[SEM_EMPTY], 0);
	ck_assert_int_eq(sem_of(&snap)->ncnt[SEM_EMPTY], 1);
	ck_assert_int_eq(sem_of(&snap)->values[SEM_FULL], 2);
	ck_assert_int_eq(snap.buffers[0].count, 2);
	ck_assert_int_eq(snap.buffers[0].capacity, 2);
	ck_assert(snap.buffers[0].slots[0].full && snap.buffers[0].slots[1].full);
	ck_assert_uint_eq(snap.buffers[0].slots[0].seq, 1);
	ck_assert_uint_eq(snap.buffers[0].slots[1].seq, 2);
	ck_assert_int_eq(shm_of(&snap)->nattch, 2);
	/* A blocked producer takes no permit: they never pile up. */
	ck_assert_int_eq((report_clear(&rep), session_step(s, TARGET_PRODUCER, &rep)), -1);
	ck_assert_msg(strstr(rep.event, "nothing granted") != NULL, "%s", rep.event);

	/* Consumers until empty: the first one out wakes the producer. */
	n = step_until_blocked(s, TARGET_CONSUMER, ROLE_CONSUMER);
	ck_assert_int_eq(n, 1 + 2 * 5 + 1);
	c = worker(ROLE_CONSUMER);
	ck_assert_int_eq(c->state, 'S');
	ck_assert_str_eq(c->phase, "wait-full");
	ck_assert_int_eq(sem_of(&snap)->values[SEM_FULL], 0);
	ck_assert_int_eq(sem_of(&snap)->ncnt[SEM_FULL], 1);
	ck_assert_int_eq(sem_of(&snap)->ncnt[SEM_EMPTY], 0);
	ck_assert_int_eq(snap.buffers[0].count, 0);
	ck_assert_uint_eq(snap.consumed, 2);
	ck_assert_uint_eq(snap.audit.taken, 2);
	ck_assert_uint_eq(snap.audit.duplicates, 0);
	ck_assert_uint_eq(snap.audit.out_of_order, 0);
	ck_assert(!worker(ROLE_PRODUCER)->blocked);
	ck_assert(worker(ROLE_PRODUCER)->waiting_permit);
	ck_assert_int_eq(shm_of(&snap)->nattch, 3);

	/* SIGKILL the consumer as it sleeps in semop: the session reaps it. */
	ck_assert_int_eq(kill(cpid, SIGKILL), 0);
	report_clear(&rep);
	for (n = 0; n < 3000 && rep.event[0] == '\0'; n++) {
		session_reap(s, &rep);
		if (rep.event[0] == '\0')
			usleep(1000);
	}
	ck_assert_msg(strstr(rep.event, "died of signal 9") != NULL, "%s", rep.event);
	session_sample(s, &snap);
	c = worker(ROLE_CONSUMER);
	ck_assert(!c->alive);
	ck_assert_int_eq(c->exit_signal, SIGKILL);
	ck_assert_int_eq(c->state, '-');
	ck_assert_int_eq(sem_of(&snap)->ncnt[SEM_FULL], 0);
	ck_assert_int_eq(shm_of(&snap)->nattch, 2);

	session_stop(s);
	errno = 0;
	ck_assert_int_eq(shmctl(shmid, IPC_STAT, &ds), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(semctl(semid, 0, IPC_STAT, &sds), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(kill(ppid, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	snprintf(dir, sizeof(dir), "%s/run", unit_tmpdir());
	ck_assert_int_eq(dir_entries(dir), 0);
}
END_TEST

/* Run a command, return its whole output (static buffer). */
static const char *
run(const char *cmd)
{
	static char	 out[8192];
	size_t		 n;
	FILE		*f;

	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	ck_assert_int_eq(pclose(f), 0);
	return (out);
}

/* The number after "name=" in ipcs -i output. */
static long
field(const char *text, const char *name)
{
	const char	*p = text;
	size_t		 len = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		if ((p == text || p[-1] == '\t' || p[-1] == ' ' ||
		    p[-1] == '\n') && p[len] == '=')
			return (strtol(p + len + 1, NULL, 10));
		p += len;
	}
	ck_abort_msg("no %s= in:\n%s", name, text);
	return (-1);
}

static void
cross_check(void)
{
	const char	*out, *row;
	char		 cmd[64], want[64];
	long		 num, val, ncnt, zcnt, pid;
	int		 i;

	snprintf(cmd, sizeof(cmd), "ipcs -m -i %d", shm_of(&snap)->id);
	out = run(cmd);
	ck_assert_int_eq(field(out, "nattch"), shm_of(&snap)->nattch);
	ck_assert_int_eq(field(out, "cpid"), shm_of(&snap)->cpid);
	ck_assert_int_eq(field(out, "lpid"), shm_of(&snap)->lpid);
	ck_assert_int_eq(field(out, "bytes"), (long)shm_of(&snap)->size);
	ck_assert_int_eq(field(out, "shmid"), shm_of(&snap)->id);

	snprintf(cmd, sizeof(cmd), "ipcs -s -i %d", sem_of(&snap)->id);
	out = run(cmd);
	snprintf(want, sizeof(want), "nsems = %d", sem_of(&snap)->nsems);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	ck_assert_ptr_nonnull(row = strstr(out, "semnum"));
	row = strchr(row, '\n');
	for (i = 0; i < sem_of(&snap)->nsems; i++) {
		ck_assert_ptr_nonnull(row);
		ck_assert_int_eq(sscanf(row, "%ld %ld %ld %ld %ld", &num, &val,
		    &ncnt, &zcnt, &pid), 5);
		ck_assert_int_eq(num, i);
		ck_assert_msg(val == sem_of(&snap)->values[i] &&
		    ncnt == sem_of(&snap)->ncnt[i] &&
		    zcnt == sem_of(&snap)->zcnt[i] &&
		    pid == sem_of(&snap)->pid[i],
		    "sem %s: ipcs says %ld %ld %ld %ld, snapshot %d %d %d %d",
		    sem_of(&snap)->names[i], val, ncnt, zcnt, pid,
		    sem_of(&snap)->values[i], sem_of(&snap)->ncnt[i],
		    sem_of(&snap)->zcnt[i], (int)sem_of(&snap)->pid[i]);
		row = strchr(row + 1, '\n');
	}
}

START_TEST(snapshot_matches_ipcs)
{
	struct session	*s;
	int		 i;

	s = start(3);
	session_sample(s, &snap);
	cross_check();
	/* Mid-item: the producer holds the mutex, one item already in. */
	for (i = 0; i < 1 + 5 + 2; i++)
		ck_assert_int_eq((report_clear(&rep), session_step(s, TARGET_PRODUCER, &rep)), 0);
	session_sample(s, &snap);
	ck_assert_str_eq(worker(ROLE_PRODUCER)->holds, "mutex");
	cross_check();
	/* The consumer attached and asleep on a lock the producer holds. */
	for (i = 0; i < 3; i++)
		ck_assert_int_eq((report_clear(&rep), session_step(s, TARGET_CONSUMER, &rep)), 0);
	session_sample(s, &snap);
	ck_assert(worker(ROLE_CONSUMER)->blocked);
	ck_assert_int_eq(sem_of(&snap)->ncnt[SEM_MUTEX], 1);
	cross_check();
	session_stop(s);
}
END_TEST

/* Reap until a death is reported (SIGCHLD may come late). */
static void
reap_one(struct session *s)
{
	int	n;

	report_clear(&rep);
	for (n = 0; n < 3000 && rep.event[0] == '\0'; n++) {
		session_reap(s, &rep);
		if (rep.event[0] == '\0')
			usleep(1000);
	}
	ck_assert_msg(rep.event[0] != '\0', "nobody was reaped");
}

START_TEST(reaped_workers_leave_live)
{
	struct session	*s;

	s = start(2);
	session_sample(s, &snap);
	ck_assert_int_eq(session_live(s), 2);
	/* Killed from outside, found by session_reap. */
	ck_assert_int_eq(kill(worker(ROLE_CONSUMER)->pid, SIGKILL), 0);
	reap_one(s);
	ck_assert_msg(strstr(rep.event, "died of signal 9") != NULL, "%s", rep.event);
	ck_assert_int_eq(session_live(s), 1);
	/* Nothing more to reap: nothing more counted out. */
	session_reap(s, &rep);
	ck_assert_int_eq(session_live(s), 1);
	/* Killed with k. */
	session_select(s, 1);
	ck_assert_int_eq((report_clear(&rep), session_kill_selected(s, &rep)), 0);
	ck_assert_int_eq(session_live(s), 0);
	/* A new one counts in. */
	ck_assert_int_eq((report_clear(&rep), session_add_worker(s, ROLE_PRODUCER, &rep)), 0);
	ck_assert_int_eq(session_live(s), 1);
	session_stop(s);
}
END_TEST

static int	gone_shm, gone_sem;

static bool
objects_gone(void *arg)
{
	struct shmid_ds	ds;
	struct semid_ds	sds;

	(void)arg;
	return (shmctl(gone_shm, IPC_STAT, &ds) == -1 && errno == EINVAL &&
	    semctl(gone_sem, 0, IPC_STAT, &sds) == -1 && errno == EINVAL);
}

/*
 * The viewer SIGKILLed after one of its workers was killed and reaped:
 * the last worker out must still remove everything, which it does only
 * if the reaped one was counted out.
 */
START_TEST(viewer_killed_after_a_reap)
{
	struct session	*s;
	char		 dir[512];
	int		 fds[2], ids[2];
	pid_t		 viewer;

	/* Made here, so the child's run dir is the one checked below. */
	snprintf(dir, sizeof(dir), "%s/run", unit_tmpdir());
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_ne(viewer = fork(), -1);
	if (viewer == 0) {
		close(fds[0]);
		s = start(2);
		session_sample(s, &snap);
		kill(worker(ROLE_CONSUMER)->pid, SIGKILL);
		reap_one(s);
		ids[0] = shm_of(&snap)->id;
		ids[1] = sem_of(&snap)->id;
		if (write(fds[1], ids, sizeof(ids)) != sizeof(ids))
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], ids, sizeof(ids)), sizeof(ids));
	gone_shm = ids[0];
	gone_sem = ids[1];
	unit_track('m', gone_shm);
	unit_track('s', gone_sem);
	ck_assert_int_eq(kill(viewer, SIGKILL), 0);
	ck_assert_int_eq(waitpid(viewer, NULL, 0), viewer);
	ck_assert_msg(unit_poll(objects_gone, NULL, 5000),
	    "the segment and the semaphores outlived every process");
	ck_assert_int_eq(dir_entries(dir), 0);
}
END_TEST

Suite *
suite_session(void)
{
	Suite	*s = suite_create("session");
	TCase	*tc = tcase_create("sysv-shm");

	/* Real processes: allow for a loaded machine and sanitizers. */
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, fill_drain_kill_stop);
	tcase_add_test(tc, snapshot_matches_ipcs);
	tcase_add_test(tc, reaped_workers_leave_live);
	tcase_add_test(tc, viewer_killed_after_a_reap);
	suite_add_tcase(s, tc);
	return (s);
}
