/*
 * The kernel objects of a lesson: which System V objects its calls
 * touched or made (from the calls' targets and returns), which pipes its
 * processes hold (/proc/PID/fd and fdinfo), and, when a lesson is left
 * half-way, the removal of what it made, proven its own first.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/json.h"
#include "ipcscope/watch.h"
#include "lesson_int.h"

#define PIPES_MAX	16

bool
lesson_has_pid(const struct lesson_run *r, pid_t pid)
{
	int	i;

	for (i = 0; i < r->npids; i++)
		if (r->pids[i] == pid)
			return (true);
	return (false);
}

static struct lesson_obj *
obj_find(struct lesson_run *r, int type, int id)
{
	int	i;

	for (i = 0; i < r->nobjs; i++)
		if (r->objs[i].type == type && r->objs[i].id == id)
			return (&r->objs[i]);
	return (NULL);
}

static bool
is_get(const char *name)
{
	return (strcmp(name, "shmget") == 0 || strcmp(name, "msgget") == 0 ||
	    strcmp(name, "semget") == 0);
}

/* A get whose flags hold IPC_CREAT and IPC_EXCL: what it returns is new. */
static bool
creates(const struct tr_call *c)
{
	int	i;

	for (i = 0; i < c->nargs; i++)
		if (strstr(c->args[i].text, "IPC_CREAT") != NULL &&
		    strstr(c->args[i].text, "IPC_EXCL") != NULL)
			return (true);
	return (false);
}

void
lesson_note_call(struct lesson_run *r, const struct tr_call *c,
    bool returned)
{
	struct lesson_obj	*o;
	int			 type = c->target.type;
	bool			 made;

	if (c->name == NULL || (type != WT_SHM && type != WT_MSG &&
	    type != WT_SEM) || c->target.id < 0)
		return;
	made = returned && c->err == 0 && is_get(c->name) && creates(c) &&
	    c->ret == c->target.id;
	if ((o = obj_find(r, type, c->target.id)) != NULL) {
		o->made |= made;
		return;
	}
	if (r->nobjs == LESSON_OBJS_MAX)
		return;
	r->objs[r->nobjs++] = (struct lesson_obj){ type, c->target.id, made };
}

void
lesson_track(struct lesson_run *r, const struct tracer *t)
{
	const struct tr_proc	*p;
	int			 i;

	for (i = 0; i < tracer_nprocs(t); i++) {
		p = tracer_proc(t, i);
		if (!lesson_has_pid(r, p->pid) && r->npids < TRACE_PROCS_MAX)
			r->pids[r->npids++] = p->pid;
		if (p->call.name != NULL)
			lesson_note_call(r, &p->call, p->call.returned);
	}
}

void
lesson_on_return(void *ctx, const struct tracer *t, int proc)
{
	struct lesson_run	*r = ctx;

	lesson_track(r, t);
	lesson_note_call(r, &tracer_proc(t, proc)->call, true);
	lesson_guide_returned(r, t, proc);
}

bool
lesson_obj_ours(const struct lesson_run *r, const struct watch_obj *o)
{
	int	i, id = watch_id(o);

	if (o->type == WT_SHM && lesson_has_pid(r, o->shm.cpid))
		return (true);
	for (i = 0; i < r->nobjs; i++)
		if (r->objs[i].type == (int)o->type && r->objs[i].id == id)
			return (true);
	return (false);
}

/* A pipe, and who holds which end. */
struct pipe_ends {
	unsigned long	 ino;
	pid_t		 readers[TRACE_PROCS_MAX], writers[TRACE_PROCS_MAX];
	int		 nr, nw;
};

static void
add_pid(pid_t *v, int *n, pid_t pid)
{
	int	i;

	for (i = 0; i < *n; i++)
		if (v[i] == pid)
			return;
	if (*n < TRACE_PROCS_MAX)
		v[(*n)++] = pid;
}

/* The access mode of PID's descriptor fd, from its fdinfo; -1. */
static int
fd_accmode(pid_t pid, const char *fd)
{
	char	path[PATH_MAX], line[128];
	FILE	*f;
	int	 mode = -1;
	unsigned long flags;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, fd);
	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "flags: %lo", &flags) == 1) {
			mode = (int)(flags & O_ACCMODE);
			break;
		}
	fclose(f);
	return (mode);
}

/* Each pipe PID holds, into v (n of them so far). */
static void
pid_pipes(pid_t pid, struct pipe_ends *v, int *n)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[PATH_MAX], link[64];
	unsigned long	 ino;
	ssize_t		 len;
	int		 i, mode;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid,
		    de->d_name);
		if ((len = readlink(path, link, sizeof(link) - 1)) <= 0)
			continue;
		link[len] = '\0';
		if (sscanf(link, "pipe:[%lu]", &ino) != 1)
			continue;
		for (i = 0; i < *n && v[i].ino != ino; i++)
			;
		if (i == *n) {
			if (*n == PIPES_MAX)
				continue;
			memset(&v[i], 0, sizeof(v[i]));
			v[i].ino = ino;
			(*n)++;
		}
		mode = fd_accmode(pid, de->d_name);
		if (mode == O_RDONLY || mode == O_RDWR)
			add_pid(v[i].readers, &v[i].nr, pid);
		if (mode == O_WRONLY || mode == O_RDWR)
			add_pid(v[i].writers, &v[i].nw, pid);
	}
	closedir(d);
}

static void
pid_array(struct json *j, const char *key, const pid_t *v, int n)
{
	int	i;

	json_arr(j, key);
	for (i = 0; i < n; i++)
		json_int(j, NULL, v[i]);
	json_arr_end(j);
}

static bool
alive(const struct tr_proc *p)
{
	return (p->state != TR_EXITED && p->state != TR_KILLED &&
	    p->state != TR_DETACHED);
}

void
lesson_objects_json(struct json *j, const struct lesson_run *r,
    const struct tracer *t, const struct watch_list *l)
{
	struct pipe_ends	pipes[PIPES_MAX];
	size_t			i;
	int			k, n = 0;

	json_arr(j, "objects");
	for (i = 0; i < l->n; i++)
		if (l->v[i].gone_ms == 0 && lesson_obj_ours(r, &l->v[i]))
			watch_json_object(j, NULL, &l->v[i]);
	for (k = 0; k < tracer_nprocs(t); k++)
		if (alive(tracer_proc(t, k)))
			pid_pipes(tracer_proc(t, k)->pid, pipes, &n);
	for (k = 0; k < n; k++) {
		json_obj(j, NULL);
		json_str(j, "type", "pipe");
		json_int(j, "inode", (long long)pipes[k].ino);
		pid_array(j, "readers", pipes[k].readers, pipes[k].nr);
		pid_array(j, "writers", pipes[k].writers, pipes[k].nw);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static bool
made_here(const struct lesson_run *r, int type, int id)
{
	int	i;

	for (i = 0; i < r->nobjs; i++)
		if (r->objs[i].type == type && r->objs[i].id == id)
			return (r->objs[i].made);
	return (false);
}

int
lesson_cleanup(const struct lesson_run *r, FILE *report)
{
	struct watch_list	 l;
	const struct watch_obj	*o;
	size_t			 i;
	int			 n = 0, rc, id;

	memset(&l, 0, sizeof(l));
	if (watch_sample(&l) == -1) {
		watch_free(&l);
		return (0);
	}
	for (i = 0; i < l.n; i++) {
		o = &l.v[i];
		id = watch_id(o);
		if (o->type == WT_SHM && lesson_has_pid(r, o->shm.cpid))
			rc = shmctl(id, IPC_RMID, NULL);
		else if (o->type == WT_MSG && made_here(r, WT_MSG, id))
			rc = msgctl(id, IPC_RMID, NULL);
		else if (o->type == WT_SEM && made_here(r, WT_SEM, id))
			rc = semctl(id, 0, IPC_RMID);
		else
			continue;
		if (rc == 0) {
			n++;
			if (report != NULL)
				fprintf(report, "lesson %s: removed %s %d, "
				    "which its programs left\n", r->name,
				    watch_type_name(o->type), id);
		}
	}
	watch_free(&l);
	return (n);
}
