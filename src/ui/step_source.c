/*
 * The source panel: the line of the program that made the shown call,
 * with the lines around it, the line itself highlighted and marked '>'
 * (so a screen without colour shows it too). The file is the one the
 * debug information names, looked up beside the program when the name
 * is relative. Without debug information: the function, and how to get
 * the line.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/xmalloc.h"
#include "step_ui.h"

#define SOURCE_MAX	(1 << 20)	/* bytes of a source file read */

/* The file last read, kept while it does not change. */
static struct {
	char	 path[PATH_MAX];
	time_t	 mtime;
	char	*text;
	size_t	 len;
} cache;

static bool
read_file(const char *path)
{
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return (false);
	if (cache.text != NULL && strcmp(cache.path, path) == 0 &&
	    cache.mtime == st.st_mtime)
		return (true);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (false);
	free(cache.text);
	cache.text = xcalloc(1, SOURCE_MAX + 1);
	n = read(fd, cache.text, SOURCE_MAX);
	close(fd);
	if (n < 0) {
		free(cache.text);
		cache.text = NULL;
		return (false);
	}
	cache.text[n] = '\0';
	cache.len = (size_t)n;
	cache.mtime = st.st_mtime;
	strlcpy(cache.path, path, sizeof(cache.path));
	return (true);
}

/* The file the debug information names: as it is when absolute, else
 * from the process's directory, the program's, or ours. */
static bool
find_file(const struct tr_proc *p, const char *prog)
{
	char	path[PATH_MAX * 2], dir[PATH_MAX];

	if (p->call.src.file[0] == '/')
		return (read_file(p->call.src.file));
	snprintf(path, sizeof(path), "/proc/%d/cwd/%s", (int)p->pid,
	    p->call.src.file);
	if (read_file(path))
		return (true);
	if (strchr(prog, '/') != NULL) {
		strlcpy(dir, prog, sizeof(dir));
		snprintf(path, sizeof(path), "%s/%s", dirname(dir),
		    p->call.src.file);
		if (read_file(path))
			return (true);
	}
	return (read_file(p->call.src.file));
}

/* Line n (1-based) of the cached file, tabs made spaces, into buf; false
 * past its end. */
static bool
file_line(int n, char *buf, size_t len)
{
	const char	*s = cache.text;
	size_t		 o = 0;
	int		 i;

	for (i = 1; i < n && s != NULL; i++)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL || (*s == '\0' && n > 1))
		return (false);
	for (; *s != '\0' && *s != '\n' && o + 1 < len; s++) {
		if (*s == '\t') {
			do
				buf[o++] = ' ';
			while (o % 8 != 0 && o + 1 < len);
		} else
			buf[o++] = (unsigned char)*s < 0x20 ? '?' : *s;
	}
	buf[o] = '\0';
	return (true);
}

static void
source_line(WINDOW *win, int y, int n, const char *text, bool at)
{
	char	buf[512], fit[512];
	int	w = getmaxx(win);

	snprintf(buf, sizeof(buf), "%c%5d  %s", at ? '>' : ' ', n, text);
	if (at) {
		wattr_on(win, theme_attr(UI_SELECTED), NULL);
		mvwhline(win, y, 0, ' ', w);
		wattr_off(win, theme_attr(UI_SELECTED), NULL);
	}
	wmove(win, y, 0);
	ui_put(win, at ? UI_SELECTED : UI_NORMAL, ui_fit(buf, w, fit,
	    sizeof(fit)));
}

/* The lines around the call's, the call's in the middle. */
static void
around(WINDOW *win, const struct tr_source *src, bool whole)
{
	char	text[512];
	int	h = getmaxy(win) - 1, first, n, y;

	if (!whole) {
		source_line(win, 1, src->line, src->text, true);
		wmove(win, 2, 0);
		ui_printf(win, UI_DIM, "(%s does not read here: the line alone)",
		    src->file);
		return;
	}
	first = src->line - (h - 1) / 2;
	if (first < 1)
		first = 1;
	for (y = 1, n = first; y <= h && file_line(n, text, sizeof(text));
	    y++, n++)
		source_line(win, y, n, text, n == src->line);
}

void
step_source_draw(WINDOW *win, const struct step_view *v)
{
	const struct tr_proc	*p;
	const struct tr_source	*src;
	char			 right[PATH_MAX + 160], base[PATH_MAX];
	int			 i = step_shown_proc(v);

	if (i < 0 || (p = tracer_proc(v->t, i))->call.name == NULL) {
		ui_heading(win, "Source", NULL);
		wmove(win, 1, 1);
		ui_put(win, UI_DIM, "no call yet");
		return;
	}
	src = &p->call.src;
	strlcpy(base, src->file, sizeof(base));
	if (src->known && src->line > 0)
		snprintf(right, sizeof(right), "%s:%d  in %s()", basename(base),
		    src->line, src->func[0] != '\0' ? src->func : "?");
	else if (src->known)
		snprintf(right, sizeof(right), "in %s()", src->func);
	else
		right[0] = '\0';
	ui_heading(win, "Source", right[0] != '\0' ? right : NULL);
	if (!src->known) {
		wmove(win, 1, 1);
		ui_printf(win, UI_DIM, "%s: no frame of the program itself "
		    "was found on the stack", p->call.name);
		return;
	}
	if (src->line <= 0 || src->file[0] == '\0') {
		wmove(win, 1, 1);
		ui_printf(win, UI_NORMAL, "%s is called from %s() (the symbol "
		    "table)", p->call.name, src->func[0] != '\0' ? src->func :
		    "?");
		wmove(win, 2, 1);
		ui_put(win, UI_WARN, "compile with -g to see the line");
		return;
	}
	around(win, src, find_file(p, tracer_prog_name(v->t, p->prog)));
}

void
step_source_free(void)
{
	free(cache.text);
	memset(&cache, 0, sizeof(cache));
}
