/*
 * Key b: the current transport's last bench figures (ipcscope bench keeps
 * them in a file per transport), in a box over the panels like the help.
 * The file is read once when the box opens; any key closes it.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/bench.h"
#include "ui_int.h"

#define FIG_LINES	16
#define FIG_COLS	160

static WINDOW	*fig_win;
static bool	 fig_loaded;
static char	 fig_line[FIG_LINES][FIG_COLS];
static int	 fig_n;
static char	 fig_title[64];

static void
fig_add(const char *s)
{
	if (fig_n < FIG_LINES)
		strlcpy(fig_line[fig_n++], s, FIG_COLS);
}

static void
fig_load(const char *transport)
{
	char	path[PATH_MAX], buf[FIG_COLS];
	FILE	*f = NULL;
	size_t	len;

	fig_n = 0;
	snprintf(fig_title, sizeof(fig_title), " Bench: %s ", transport);
	if (bench_figures_path(transport, path, sizeof(path)) == 0)
		f = fopen(path, "r");
	if (f == NULL) {
		snprintf(buf, sizeof(buf), "No bench figures for %s yet: "
		    "ipcscope bench -t %s measures them.", transport, transport);
		fig_add(buf);
	} else {
		while (fgets(buf, sizeof(buf), f) != NULL) {
			if ((len = strlen(buf)) > 0 && buf[len - 1] == '\n')
				buf[len - 1] = '\0';
			fig_add(buf);
		}
		fclose(f);
		fig_add("(/spin: items/s as a fraction of the spinning "
		    "handoff's; /memcpy: bytes/s as memcpy's)");
	}
	fig_add("");
	fig_add("Any key closes this; q quits.");
	fig_loaded = true;
}

void
bench_box_draw(int lines, int cols, const char *transport)
{
	int	i, w = 0, h, shown;

	if (!fig_loaded)
		fig_load(transport);
	for (i = 0; i < fig_n; i++)
		if ((int)strlen(fig_line[i]) > w)
			w = (int)strlen(fig_line[i]);
	h = fig_n + 2 < lines ? fig_n + 2 : lines;
	w = w + 4 < cols ? w + 4 : cols;
	shown = h - 2;
	if (fig_win != NULL)
		delwin(fig_win);
	if ((fig_win = newwin(h, w, (lines - h) / 2, (cols - w) / 2)) == NULL)
		return;
	werase(fig_win);
	box(fig_win, 0, 0);
	wmove(fig_win, 0, 2);
	ui_put(fig_win, UI_HEADING, fig_title);
	for (i = 0; i < shown && i < fig_n; i++) {
		wmove(fig_win, i + 1, 2);
		ui_put(fig_win, i == 1 ? UI_HEADING : UI_NORMAL, fig_line[i]);
	}
	wnoutrefresh(fig_win);
}

void
bench_box_free(void)
{
	if (fig_win != NULL)
		delwin(fig_win);
	fig_win = NULL;
	fig_loaded = false;
}
