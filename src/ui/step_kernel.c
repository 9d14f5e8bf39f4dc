/*
 * The kernel panel: what the kernel has of the object the shown call
 * touched, live. System V and POSIX objects come from watch's model
 * (watch_sample, watch_find) and are drawn by watch's inside view,
 * looked at without an attach of ours (inspect_open_still), so nattch is
 * the programs' own. A pipe or socket has no such table: the panel says
 * what it is and who holds it, from /proc/PID/fd and fdinfo.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "watch_ui.h"
#include "step_ui.h"

#define HOLDERS_MAX	16

/* The object the call names, as watch follows one. */
static bool
follow_of(const struct tr_target *tg, struct watch_follow *f)
{
	memset(f, 0, sizeof(*f));
	f->type = tg->type;
	if (tg->type < 0)
		return (false);
	if (tg->type == WT_PSHM || tg->type == WT_PMQ) {
		strlcpy(f->name, tg->name, sizeof(f->name));
		f->on = tg->name[0] != '\0';
	} else if (tg->id >= 0) {
		f->by_id = true;
		f->id = tg->id;
		f->on = true;
	} else if (tg->key != 0) {
		f->by_key = true;
		f->key = tg->key;
		f->on = true;
	}
	return (f->on);
}

/* What the shown call touched; false with no call. */
static bool
shown_target(const struct step_view *v, struct tr_target *tg)
{
	const struct tr_proc	*p;
	int			 i = step_shown_proc(v);

	if (i < 0 || (p = tracer_proc(v->t, i))->call.name == NULL)
		return (false);
	*tg = p->call.target;
	return (true);
}

static const struct watch_obj *
shown_object(const struct step_view *v)
{
	struct tr_target	tg;
	struct watch_follow	f;

	if (!shown_target(v, &tg) || !v->sampled || !follow_of(&tg, &f))
		return (NULL);
	return (watch_find(v->cur, &f));
}

void
step_kernel_sample(struct step_view *v)
{
	const struct watch_obj	*o;
	struct watch_list	*t;

	if (v->cur == NULL) {
		v->cur = &v->lists[0];
		v->prev = &v->lists[1];
	}
	t = v->prev, v->prev = v->cur, v->cur = t;
	watch_sample(v->cur);
	watch_merge(v->cur, v->prev, !v->sampled);
	v->sampled = true;
	if ((o = shown_object(v)) == NULL) {
		if (v->in.ident[0] != '\0')
			inspect_close(&v->in);
		return;
	}
	if (strcmp(v->in.ident, o->ident) != 0) {
		inspect_open_still(&v->in, o);
		v->scroll = 0;
	}
	inspect_update(&v->in, o);
}

void
step_kernel_free(struct step_view *v)
{
	inspect_close(&v->in);
	watch_free(&v->lists[0]);
	watch_free(&v->lists[1]);
	v->cur = v->prev = NULL;
	v->sampled = false;
}

/* Which end of a pipe fd is: its fdinfo flags' access mode. */
static const char *
end_of(pid_t pid, const char *fd)
{
	char		path[PATH_MAX], line[128];
	unsigned long	flags;
	FILE		*f;
	const char	*end = "";

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, fd);
	if ((f = fopen(path, "re")) == NULL)
		return (end);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "flags: %lo", &flags) == 1) {
			end = (flags & 3) == 0 ? "read end" : (flags & 3) == 1 ?
			    "write end" : "read and write";
			break;
		}
	fclose(f);
	return (end);
}

/* Who holds what: every /proc/PID/fd/N that links to what ("pipe:[..]"). */
static void
holders(WINDOW *win, int y, const char *what)
{
	char		 path[PATH_MAX], link[128], comm[17];
	struct dirent	*de, *fe;
	DIR		*d, *fd;
	ssize_t		 n;
	int		 shown = 0, h = getmaxy(win);
	pid_t		 pid;

	if ((d = opendir("/proc")) == NULL)
		return;
	while ((de = readdir(d)) != NULL && shown < HOLDERS_MAX && y < h) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
		if ((fd = opendir(path)) == NULL)
			continue;
		while ((fe = readdir(fd)) != NULL && y < h) {
			snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid,
			    fe->d_name);
			if ((n = readlink(path, link, sizeof(link) - 1)) <= 0)
				continue;
			link[n] = '\0';
			if (strcmp(link, what) != 0)
				continue;
			inspect_comm(pid, comm, sizeof(comm));
			wmove(win, y++, 2);
			ui_printf(win, UI_NORMAL, "pid %-7d %-16s fd %-3s %s",
			    (int)pid, comm, fe->d_name, end_of(pid, fe->d_name));
			shown++;
		}
		closedir(fd);
	}
	closedir(d);
	if (shown == 0 && y < h) {
		wmove(win, y, 2);
		ui_put(win, UI_DIM, "no process holds it any more");
	}
}

static void
draw_fd(WINDOW *win, const struct tr_target *tg)
{
	bool	pipe = strncmp(tg->fd, "pipe:", 5) == 0;

	ui_heading(win, "Kernel", tg->fd);
	wmove(win, 1, 1);
	ui_printf(win, UI_NORMAL, "a %s, in no ipcs table: /proc/PID/fd "
	    "shows who holds it", pipe ? "pipe" : strncmp(tg->fd, "socket:",
	    7) == 0 ? "socket" : "file");
	wmove(win, 2, 0);
	ui_put(win, UI_HEADING, " held by (the end from fdinfo's flags) ");
	holders(win, 3, tg->fd);
}

/* No object (yet): what the call will make, or why there is none. */
static void
draw_none(WINDOW *win, const struct step_view *v, const struct tr_target *tg)
{
	const struct tr_proc	*p = tracer_proc(v->t, step_shown_proc(v));

	ui_heading(win, "Kernel", NULL);
	wmove(win, 1, 1);
	if (tg->type < 0)
		ui_printf(win, UI_DIM, "%s touches no IPC object", p->call.name);
	else if (tg->id >= 0)
		ui_printf(win, UI_WARN, "%s id %d: the kernel has no such "
		    "object (removed, or never made)",
		    watch_type_name((enum watch_type)tg->type), tg->id);
	else if (tg->key != 0)
		ui_printf(win, UI_NORMAL, "no %s has key 0x%08x yet%s",
		    watch_type_name((enum watch_type)tg->type), tg->key,
		    p->state == TR_AT_CALL ? ": this call may make one" : "");
	else if (strcmp(p->call.name, "shmdt") == 0)
		ui_printf(win, UI_DIM, "shmdt: no segment found mapped at %s",
		    p->call.nargs > 0 ? p->call.args[0].text : "?");
	else if (tg->name[0] != '\0')
		ui_printf(win, UI_NORMAL, "no %s named %s yet",
		    watch_type_name((enum watch_type)tg->type), tg->name);
	else
		ui_printf(win, UI_NORMAL, "a new %s, private (IPC_PRIVATE): "
		    "it has no key", watch_type_name((enum watch_type)tg->type));
}

void
step_kernel_draw(WINDOW *win, struct step_view *v)
{
	struct tr_target	 target, *tg = &target;
	const struct watch_obj	*o;
	char			 right[NAME_MAX + 64];

	if (!shown_target(v, tg)) {
		ui_heading(win, "Kernel", NULL);
		wmove(win, 1, 1);
		ui_put(win, UI_DIM, "no call yet");
		return;
	}
	if (tg->type < 0 && tg->fd[0] != '\0') {
		draw_fd(win, tg);
		return;
	}
	if ((o = shown_object(v)) == NULL || strcmp(v->in.ident, o->ident)
	    != 0) {
		draw_none(win, v, tg);
		return;
	}
	if (o->type == WT_SHM || o->type == WT_MSG || o->type == WT_SEM)
		snprintf(right, sizeof(right), "%s  (ipcs -%c -i %d)", o->ident,
		    o->type == WT_SHM ? 'm' : o->type == WT_MSG ? 'q' : 's',
		    watch_id(o));
	else
		strlcpy(right, o->ident, sizeof(right));
	ui_heading(win, "Kernel", right);
	watch_inside_body(win, o, &v->in, &v->scroll, 1);
}
