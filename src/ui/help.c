/*
 * The help overlay: the face's keys (keys_help(), the same text --help
 * prints) and how to read the screen, in a box over the panels. The demo,
 * the replay and watch each hand it their own legend.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/keys.h"
#include "ui_int.h"

static WINDOW	*help_win;

static const char *const help_legend[] = {
	"",
	"Reading the screen",
	"  in / out     next slot a producer fills / a consumer empties",
	"  [u 1 f---]   the same in OSTEP's text: u = out, f = in, * = both",
	"  BLOCKED      asleep in the kernel's call; the reason follows",
	"  ready        waits for your key (its step permit)",
	"  bold value   changed since the previous step",
	"",
	"Any key closes this help; q quits.",
	NULL
};

static int
help_legend_lines(const char *const *legend)
{
	int	i;

	for (i = 0; legend[i] != NULL; i++)
		;
	return (i);
}

static int
help_count(unsigned face, const char *const *legend, int *width)
{
	const char	*p = keys_help(face), *nl;
	int		 n = 0, i;

	*width = 0;
	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1, n++)
		if (nl - p > *width)
			*width = (int)(nl - p);
	for (i = 0; legend[i] != NULL; i++, n++)
		if ((int)strlen(legend[i]) > *width)
			*width = (int)strlen(legend[i]);
	return (n);
}

/* The i-th line of the box: a key's line, then the legend's. */
static void
help_line(unsigned face, const char *const *legend, int i, char *buf,
    size_t len)
{
	const char	*p = keys_help(face), *nl;
	int		 k;

	for (k = 0; (nl = strchr(p, '\n')) != NULL; p = nl + 1, k++)
		if (k == i) {
			strlcpy(buf, p, (size_t)(nl - p + 1) < len ?
			    (size_t)(nl - p + 1) : len);
			return;
		}
	strlcpy(buf, legend[i - k], len);
}

/*
 * A terminal too short for every line keeps the first ones and says how
 * many more there are, rather than cut them unmarked.
 */
void
help_box(int lines, int cols, unsigned face, const char *const *legend)
{
	char	buf[256];
	int	n, w, h, y, i, shown, keys;

	n = help_count(face, legend, &w);
	h = n + 2 < lines ? n + 2 : lines;
	w = w + 4 < cols ? w + 4 : cols;
	shown = n <= h - 2 ? n : h - 3;
	help_free();
	if ((help_win = newwin(h, w, (lines - h) / 2, (cols - w) / 2)) == NULL)
		return;
	werase(help_win);
	box(help_win, 0, 0);
	wmove(help_win, 0, 2);
	ui_put(help_win, UI_HEADING, " Keys ");
	keys = n - help_legend_lines(legend);	/* the legend's title follows */
	for (y = 1, i = 0; i < shown; i++) {
		help_line(face, legend, i, buf, sizeof(buf));
		wmove(help_win, y++, 2);
		ui_put(help_win, i == keys + 1 ? UI_HEADING : UI_NORMAL, buf);
	}
	if (shown < n) {
		snprintf(buf, sizeof(buf), "%s +%d more lines: a taller "
		    "terminal shows them (or ipcscope --help)",
		    ui_theme.g.ellipsis, n - shown);
		wmove(help_win, y, 2);
		ui_put(help_win, UI_WARN, buf);
	}
	wnoutrefresh(help_win);
}

void
help_draw(int lines, int cols, unsigned face)
{
	help_box(lines, cols, face, help_legend);
}

void
help_free(void)
{
	if (help_win != NULL)
		delwin(help_win);
	help_win = NULL;
}
