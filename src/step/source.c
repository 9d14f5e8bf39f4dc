/*
 * The line of the program that made a call: elfutils' libdwfl walks the
 * stopped tracee's stack (dwfl_linux_proc_attach, the tracee already
 * ptrace-stopped) to the first frame in the program's own executable, and
 * its debug information gives file and line (the frames above the first
 * are return addresses: their call is at pc - 1). Without -g the symbol
 * table still names the function. One Dwfl per process, kept until it
 * execs or ends.
 */
#include <elfutils/libdwfl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracer_int.h"

#define FRAMES_MAX	32

struct walk {
	Dwfl		*dwfl;
	Dwarf_Addr	 pc[FRAMES_MAX];	/* each frame's, pc - 1 above
						 * the first */
	int		 n;
};

static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
};

void
source_forget(struct tracer *t, int i)
{
	if (t->priv[i].dwfl != NULL)
		dwfl_end(t->priv[i].dwfl);
	t->priv[i].dwfl = NULL;
}

static Dwfl *
dwfl_of(struct tracer *t, int i)
{
	Dwfl	*d = t->priv[i].dwfl;
	pid_t	 pid = t->procs[i].pid;

	if (d != NULL) {
		/* Libraries loaded since (dlopen): reported too. */
		dwfl_report_begin_add(d);
		dwfl_linux_proc_report(d, pid);
		dwfl_report_end(d, NULL, NULL);
		return (d);
	}
	if ((d = dwfl_begin(&callbacks)) == NULL)
		return (NULL);
	if (dwfl_linux_proc_report(d, pid) != 0 ||
	    dwfl_report_end(d, NULL, NULL) != 0 ||
	    dwfl_linux_proc_attach(d, pid, true) != 0) {
		dwfl_end(d);
		return (NULL);
	}
	t->priv[i].dwfl = d;
	return (d);
}

static int
frame_cb(Dwfl_Frame *state, void *arg)
{
	struct walk	*w = arg;
	Dwarf_Addr	 pc;
	bool		 activation;

	if (!dwfl_frame_pc(state, &pc, &activation))
		return (DWARF_CB_ABORT);
	w->pc[w->n++] = activation ? pc : pc - 1;
	return (w->n == FRAMES_MAX ? DWARF_CB_ABORT : DWARF_CB_OK);
}

/* The stack of process i, innermost first; the number of frames. */
static int
walk(struct tracer *t, int i, struct walk *w)
{
	memset(w, 0, sizeof(*w));
	if ((w->dwfl = dwfl_of(t, i)) == NULL)
		return (0);
	/* It ends with an error at the outermost frame: what came is kept. */
	dwfl_getthread_frames(w->dwfl, t->procs[i].pid, frame_cb, w);
	return (w->n);
}

bool
source_called_from(struct tracer *t, int i, const char *func)
{
	struct walk	 w;
	Dwfl_Module	*m;
	const char	*name;
	int		 k, n = walk(t, i, &w);

	for (k = 0; k < n && k < 4; k++) {
		if ((m = dwfl_addrmodule(w.dwfl, w.pc[k])) == NULL)
			continue;
		name = dwfl_module_addrname(m, w.pc[k]);
		if (name != NULL && strcmp(name, func) == 0)
			return (true);
	}
	return (false);
}

/* Is m the process's executable (/proc/PID/exe)? */
static bool
is_main(Dwfl_Module *m, const char *exe)
{
	const char	*file = NULL;
	const char	*name = dwfl_module_info(m, NULL, NULL, NULL, NULL, NULL,
	    &file, NULL);

	return ((file != NULL && strcmp(file, exe) == 0) ||
	    (name != NULL && strcmp(name, exe) == 0));
}

/* libc, the dynamic loader: frames that are not the program's. */
static bool
is_system(Dwfl_Module *m)
{
	const char	*name = dwfl_module_info(m, NULL, NULL, NULL, NULL, NULL,
	    NULL, NULL);

	return (name == NULL || strstr(name, "/libc.so") != NULL ||
	    strstr(name, "/libc-") != NULL || strstr(name, "/ld-linux") != NULL ||
	    strstr(name, "[vdso]") != NULL || strstr(name, "/libpthread") != NULL ||
	    strstr(name, "/librt") != NULL);
}

/* Line n of file (relative to dir when not absolute) into buf. */
static void
line_text(const char *file, const char *dir, int n, char *buf, size_t len)
{
	char	 path[PATH_MAX], *line = NULL;
	size_t	 cap = 0;
	FILE	*f;
	int	 k = 0;

	buf[0] = '\0';
	if (file[0] != '/' && dir != NULL)
		snprintf(path, sizeof(path), "%s/%s", dir, file);
	else
		strlcpy(path, file, sizeof(path));
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (getline(&line, &cap, f) != -1)
		if (++k == n) {
			line[strcspn(line, "\r\n")] = '\0';
			strlcpy(buf, line, len);
			break;
		}
	free(line);
	fclose(f);
}

void
source_lookup(struct tracer *t, int i, struct tr_source *src)
{
	struct walk	 w;
	Dwfl_Module	*m, *pick = NULL;
	Dwfl_Line	*l;
	Dwarf_Addr	 pc = 0;
	const char	*file, *func, *dir;
	char		 exe[PATH_MAX], link[64];
	ssize_t		 len;
	int		 k, n, lineno = 0;

	memset(src, 0, sizeof(*src));
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->procs[i].pid);
	if ((len = readlink(link, exe, sizeof(exe) - 1)) == -1)
		len = 0;
	exe[len] = '\0';
	n = walk(t, i, &w);
	/* The first frame in the executable; else the first not libc's. */
	for (k = 0; k < n && pick == NULL; k++)
		if ((m = dwfl_addrmodule(w.dwfl, w.pc[k])) != NULL &&
		    is_main(m, exe)) {
			pick = m;
			pc = w.pc[k];
		}
	for (k = 0; k < n && pick == NULL; k++)
		if ((m = dwfl_addrmodule(w.dwfl, w.pc[k])) != NULL &&
		    !is_system(m)) {
			pick = m;
			pc = w.pc[k];
		}
	if (pick == NULL)
		return;
	src->known = true;
	if ((func = dwfl_module_addrname(pick, pc)) != NULL)
		strlcpy(src->func, func, sizeof(src->func));
	if ((l = dwfl_module_getsrc(pick, pc)) == NULL ||
	    (file = dwfl_lineinfo(l, NULL, &lineno, NULL, NULL, NULL)) == NULL)
		return;
	strlcpy(src->file, file, sizeof(src->file));
	src->line = lineno;
	dir = dwfl_line_comp_dir(l);
	line_text(file, dir, lineno, src->text, sizeof(src->text));
}
