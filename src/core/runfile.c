/*
 * Run files: what each run made, so that `ipcscope clean` removes the
 * leftovers of dead runs and never another program's objects.
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"

int
runfile_dir(char *dir, size_t len, char *err, size_t errlen)
{
	const char	*env;
	struct stat	 st;

	if ((env = getenv("IPCSCOPE_RUNDIR")) != NULL && *env != '\0')
		strlcpy(dir, env, len);
	else if ((env = getenv("XDG_RUNTIME_DIR")) != NULL && *env != '\0')
		snprintf(dir, len, "%s/ipcscope", env);
	else
		snprintf(dir, len, "/tmp/ipcscope-%u", (unsigned)getuid());
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make run directory %s: %s", dir,
		    strerror(errno));
		return (-1);
	}
	/* A shared /tmp: refuse a directory someone else made or a link. */
	if (lstat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != getuid()) {
		snprintf(err, errlen, "run directory %s is not a directory "
		    "owned by you", dir);
		return (-1);
	}
	return (0);
}

int
runfile_create(const char *dir, char *path, size_t len, char *err,
    size_t errlen)
{
	FILE	*f;
	int	 fd;

	snprintf(path, len, "%s/run.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "cannot create run file %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	fprintf(f, "ipcscope-run 1\npid %d\nstart %llu\nipcns %lu\n",
	    (int)getpid(), procfs_starttime(getpid()), procfs_ipc_ns());
	fclose(f);
	return (0);
}

int
runfile_add(const char *path, const char *kind, const char *value, unsigned key)
{
	FILE	*f;

	if ((f = fopen(path, "ae")) == NULL)
		return (-1);
	fprintf(f, "%s %s 0x%08x\n", kind, value, key);
	return (fclose(f) == 0 ? 0 : -1);
}

void
runfile_remove(const char *path)
{
	if (path != NULL && *path != '\0')
		unlink(path);
}

/* The System V object still is the one the run made: same key, our uid. */
static bool
sysv_ours(const char *kind, int id, unsigned key)
{
	struct shmid_ds	s;
	struct semid_ds	m;
	struct msqid_ds	q;
	union {
		int		 val;
		struct semid_ds	*buf;
	} arg;

	if (strcmp(kind, "shm") == 0) {
		if (shmctl(id, IPC_STAT, &s) == -1)
			return (false);
		/* After IPC_RMID with attachments the key reads 0. */
		return (s.shm_perm.cuid == getuid() &&
		    ((unsigned)s.shm_perm.__key == key ||
		    (s.shm_perm.mode & SHM_DEST)));
	}
	if (strcmp(kind, "sem") == 0) {
		arg.buf = &m;
		if (semctl(id, 0, IPC_STAT, arg) == -1)
			return (false);
		return (m.sem_perm.cuid == getuid() &&
		    (unsigned)m.sem_perm.__key == key);
	}
	if (msgctl(id, IPC_STAT, &q) == -1)
		return (false);
	return (q.msg_perm.cuid == getuid() && (unsigned)q.msg_perm.__key == key);
}

/* DIR/NAME with NAME a plain file name: nothing outside the run directory. */
static bool
path_in_dir(const char *path, const char *dir)
{
	size_t		 n = strlen(dir);
	const char	*name = path + n;

	return (strncmp(path, dir, n) == 0 && name[0] == '/' &&
	    name[1] != '\0' && strchr(name + 1, '/') == NULL &&
	    strcmp(name + 1, ".") != 0 && strcmp(name + 1, "..") != 0);
}

static int
remove_object(const char *dir, const char *kind, const char *value,
    unsigned key, FILE *out)
{
	char	*end;
	long	 id;
	int	 r = -1;

	if (strcmp(kind, "shm") == 0 || strcmp(kind, "sem") == 0 ||
	    strcmp(kind, "msg") == 0) {
		id = strtol(value, &end, 10);
		if (*end != '\0' || id < 0 || !sysv_ours(kind, (int)id, key)) {
			if (out != NULL)
				fprintf(out, "  %s %s: gone or no longer "
				    "ours, left alone\n", kind, value);
			return (0);
		}
		if (kind[1] == 'h')
			r = shmctl((int)id, IPC_RMID, NULL);
		else if (kind[1] == 'e')
			r = semctl((int)id, 0, IPC_RMID);
		else
			r = msgctl((int)id, IPC_RMID, NULL);
	} else if (strcmp(kind, "posix-shm") == 0)
		r = shm_unlink(value);
	else if (strcmp(kind, "posix-mq") == 0)
		r = mq_unlink(value);
	else if (strcmp(kind, "path") == 0 && path_in_dir(value, dir))
		r = unlink(value);
	if (r == 0 && out != NULL)
		fprintf(out, "  removed %s %s\n", kind, value);
	return (r == 0);
}

static void
clean_one(const char *dir, const char *path, FILE *out, struct clean_report *rep)
{
	char			 line[512], kind[32], value[300];
	unsigned long long	 start = 0;
	unsigned long		 ns = 0;
	unsigned		 key;
	long			 pid = 0;
	FILE			*f;

	if ((f = fopen(path, "re")) == NULL)
		return;
	rep->runs_seen++;
	/* First pass: who made it; the objects come on the second. */
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "pid %ld", &pid) != 1 &&
		    sscanf(line, "start %llu", &start) != 1)
			sscanf(line, "ipcns %lu", &ns);
	if (pid <= 0) {
		fclose(f);
		return;
	}
	if (ns != procfs_ipc_ns()) {
		if (out != NULL)
			fprintf(out, "run %ld: made in another IPC namespace, "
			    "left alone\n", pid);
		rep->skipped++;
		fclose(f);
		return;
	}
	if (start != 0 && procfs_starttime((pid_t)pid) == start) {
		if (out != NULL)
			fprintf(out, "run %ld: still running, left alone\n", pid);
		rep->skipped++;
		fclose(f);
		return;
	}
	if (out != NULL)
		fprintf(out, "run %ld: its viewer is gone\n", pid);
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		key = 0;
		if (sscanf(line, "%31s %299s 0x%x", kind, value, &key) < 2)
			continue;
		if (strcmp(kind, "pid") == 0 || strcmp(kind, "start") == 0 ||
		    strcmp(kind, "ipcns") == 0 || strcmp(kind, "ipcscope-run") == 0)
			continue;
		rep->objects_removed += remove_object(dir, kind, value, key, out);
	}
	fclose(f);
	unlink(path);
	rep->runs_cleaned++;
}

int
runfile_clean(const char *dir, FILE *out, struct clean_report *rep)
{
	struct dirent	*de;
	char		 path[PATH_MAX];
	DIR		*d;

	memset(rep, 0, sizeof(*rep));
	if ((d = opendir(dir)) == NULL)
		return (errno == ENOENT ? 0 : -1);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "run.", 4) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		clean_one(dir, path, out, rep);
	}
	closedir(d);
	return (0);
}
