/*
 * s: the frame on screen saved for slides, as NAME.txt (the terminal's
 * characters, as curses last drew them) and NAME.svg (drawn from the
 * snapshot, svg.h), in the current directory. NAME is
 * ipcscope-step-N, or ipcscope-step-N-2... so no file is replaced.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "ipcscope/export.h"
#include "ipcscope/svg.h"
#include "ipcscope/visible.h"
#include "ui_int.h"

/* A line-drawing character as the terminal shows it. */
static wchar_t
acs_char(wchar_t c)
{
	static const char	from[] = "qxlkmjtuvwn";
	static const wchar_t	to[] = L"─│┌┐└┘├┤┴┬┼";
	const char		*p;

	if (c > 0 && c < 0x80 && (p = strchr(from, (int)c)) != NULL)
		return (to[p - from]);
	return (c);
}

/* Row y of the screen, its trailing blanks cut, as the pane shows it. */
static void
write_row(FILE *f, int y)
{
	cchar_t		 cells[1024];
	wchar_t		 wch[CCHARW_MAX + 1];
	char		 mb[MB_LEN_MAX], line[4 * 1024 * MB_LEN_MAX];
	mbstate_t	 st;
	attr_t		 attrs;
	short		 pair;
	size_t		 used = 0, keep = 0, n;
	int		 x, cols = COLS < 1023 ? COLS : 1023, k;

	memset(&st, 0, sizeof(st));
	if (mvwin_wchnstr(curscr, y, 0, cells, cols) == ERR)
		cols = 0;
	for (x = 0; x < cols; x++) {
		if (getcchar(&cells[x], wch, &attrs, &pair, NULL) == ERR ||
		    wch[0] == L'\0')
			wch[0] = L' ', wch[1] = L'\0';
		for (k = 0; wch[k] != L'\0'; k++) {
			if (attrs & A_ALTCHARSET)
				wch[k] = acs_char(wch[k]);
			n = wcrtomb(mb, wch[k], &st);
			if (n == (size_t)-1) {
				mb[0] = '?';
				n = 1;
				memset(&st, 0, sizeof(st));
			}
			if (used + n >= sizeof(line))
				break;
			memcpy(line + used, mb, n);
			used += n;
			if (wch[k] != L' ')
				keep = used;
		}
	}
	fprintf(f, "%.*s\n", (int)keep, line);
}

void
ui_save(const struct snapshot *s, char *msg, size_t len)
{
	static const char *const ext[] = { "txt", "svg" };
	char			 paths[2][4096], stem[64], cwd[PATH_MAX];
	FILE			*files[2];
	int			 y, bad;

	snprintf(stem, sizeof(stem), "ipcscope-step-%lu", s->step);
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		strlcpy(cwd, ".", sizeof(cwd));
	if (export_create(".", stem, ext, 2, 1000, files, paths) == -1) {
		snprintf(msg, len, "cannot save the frame in %s: %s",
		    visible(cwd), strerror(errno));
		return;
	}
	for (y = 0; y < LINES; y++)
		write_row(files[0], y);
	bad = svg_write(files[1], s);
	bad |= export_close(files[0], paths[0]);
	if (export_close(files[1], paths[1]) == -1 || bad) {
		unlink(paths[0]);
		unlink(paths[1]);
		snprintf(msg, len, "cannot save the frame in %s: %s",
		    visible(cwd), strerror(errno));
		return;
	}
	snprintf(msg, len, "saved %s and %s in %s", paths[0] + 2,
	    paths[1] + 2, visible(cwd));
}
