/*
 * The help overlay: the face's keys (keys_help(), the same text --help
 * prints) and how to read the screen, in a box over the panels.
 */
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
help_count(unsigned face, int *width)
{
	const char	*p = keys_help(face), *nl;
	int		 n = 0, i;

	*width = 0;
	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1, n++)
		if (nl - p > *width)
			*width = (int)(nl - p);
	for (i = 0; help_legend[i] != NULL; i++, n++)
		if ((int)strlen(help_legend[i]) > *width)
			*width = (int)strlen(help_legend[i]);
	return (n);
}

void
help_draw(int lines, int cols, unsigned face)
{
	const char	*p = keys_help(face), *nl;
	char		 buf[256];
	int		 n, w, h, y, i;

	n = help_count(face, &w);
	h = n + 2 < lines ? n + 2 : lines;
	w = w + 4 < cols ? w + 4 : cols;
	help_free();
	if ((help_win = newwin(h, w, (lines - h) / 2, (cols - w) / 2)) == NULL)
		return;
	werase(help_win);
	box(help_win, 0, 0);
	wmove(help_win, 0, 2);
	ui_put(help_win, UI_HEADING, " Keys ");
	y = 1;
	for (; (nl = strchr(p, '\n')) != NULL && y < h - 1; p = nl + 1) {
		strlcpy(buf, p, (size_t)(nl - p + 1) < sizeof(buf) ?
		    (size_t)(nl - p + 1) : sizeof(buf));
		wmove(help_win, y++, 2);
		ui_put(help_win, UI_NORMAL, buf);
	}
	for (i = 0; help_legend[i] != NULL && y < h - 1; i++) {
		wmove(help_win, y++, 2);
		ui_put(help_win, i == 1 ? UI_HEADING : UI_NORMAL, help_legend[i]);
	}
	wnoutrefresh(help_win);
}

void
help_free(void)
{
	if (help_win != NULL)
		delwin(help_win);
	help_win = NULL;
}
