/*
 * The big font (bigtext.h): only the characters the screen writes large,
 * the digits of item numbers and the words of the banner. Each glyph is
 * five rows of pixels, '#' for ink.
 */
#include <string.h>

#include "bigtext.h"
#include "ui_int.h"

struct glyph {
	char		 c;
	const char	*row[BIGTEXT_PIXELS];
};

static const struct glyph font[] = {
	{ '0', { "###", "#.#", "#.#", "#.#", "###" } },
	{ '1', { ".#.", "##.", ".#.", ".#.", "###" } },
	{ '2', { "###", "..#", "###", "#..", "###" } },
	{ '3', { "###", "..#", ".##", "..#", "###" } },
	{ '4', { "#.#", "#.#", "###", "..#", "..#" } },
	{ '5', { "###", "#..", "###", "..#", "###" } },
	{ '6', { "###", "#..", "###", "#.#", "###" } },
	{ '7', { "###", "..#", "..#", ".#.", ".#." } },
	{ '8', { "###", "#.#", "###", "#.#", "###" } },
	{ '9', { "###", "#.#", "###", "..#", "###" } },
	{ 'A', { ".##.", "#..#", "####", "#..#", "#..#" } },
	{ 'B', { "###.", "#..#", "###.", "#..#", "###." } },
	{ 'C', { ".###", "#...", "#...", "#...", ".###" } },
	{ 'D', { "###.", "#..#", "#..#", "#..#", "###." } },
	{ 'E', { "####", "#...", "###.", "#...", "####" } },
	{ 'F', { "####", "#...", "###.", "#...", "#..." } },
	{ 'G', { ".###", "#...", "#.##", "#..#", ".###" } },
	{ 'I', { "###", ".#.", ".#.", ".#.", "###" } },
	{ 'K', { "#..#", "#.#.", "##..", "#.#.", "#..#" } },
	{ 'L', { "#...", "#...", "#...", "#...", "####" } },
	{ 'M', { "#...#", "##.##", "#.#.#", "#...#", "#...#" } },
	{ 'N', { "#..#", "##.#", "#.##", "#..#", "#..#" } },
	{ 'O', { ".##.", "#..#", "#..#", "#..#", ".##." } },
	{ 'P', { "###.", "#..#", "###.", "#...", "#..." } },
	{ 'R', { "###.", "#..#", "###.", "#.#.", "#..#" } },
	{ 'S', { ".###", "#...", ".##.", "...#", "###." } },
	{ 'T', { "###", ".#.", ".#.", ".#.", ".#." } },
	{ 'U', { "#..#", "#..#", "#..#", "#..#", ".##." } },
	{ 'Y', { "#.#", "#.#", ".#.", ".#.", ".#." } },
	{ '?', { "###", "..#", ".##", "...", ".#." } },
	{ ' ', { "..", "..", "..", "..", ".." } },
};

static const struct glyph *
glyph(char c)
{
	size_t	i;

	for (i = 0; i < sizeof(font) / sizeof(font[0]); i++)
		if (font[i].c == c)
			return (&font[i]);
	return (NULL);
}

int
bigtext_width(const char *s, int px)
{
	const struct glyph	*g;
	int			 w = 0;

	for (; *s != '\0'; s++) {
		if ((g = glyph(*s)) == NULL)
			return (-1);
		/* One pixel of space between two glyphs. */
		w += ((int)strlen(g->row[0]) + (w > 0 ? 1 : 0)) * px;
	}
	return (w);
}

int
bigtext_rows(int px)
{
	return ((BIGTEXT_PIXELS * px + 1) / 2);
}

int
bigtext_fit(const char *s, int w, int h, int maxpx)
{
	int	px, tw;

	for (px = maxpx; px > 0; px--) {
		/* Without the half blocks a pixel must be whole rows. */
		if (!ui_theme.utf8 && px % 2 != 0)
			continue;
		tw = bigtext_width(s, px);
		if (tw >= 0 && tw <= w && bigtext_rows(px) <= h)
			return (px);
	}
	return (0);
}

void
bigtext_fill(WINDOW *win, int y, int x, int h, int w, attr_t attr)
{
	int	r;

	if (h <= 0 || w <= 0)
		return;
	wattr_on(win, attr, NULL);
	for (r = 0; r < h; r++)
		mvwhline(win, y + r, x, ' ', w);
	wattr_off(win, attr, NULL);
}

/* Is pixel (pr, pc) of glyph g ink? Rows past the font are blank. */
static bool
ink(const struct glyph *g, int pr, int pc)
{
	return (pr >= 0 && pr < BIGTEXT_PIXELS && g->row[pr][pc] == '#');
}

int
bigtext_draw(WINDOW *win, int y, int x, const char *s, int px, attr_t attr)
{
	static const char	*const blocks[2][4] = {
		{ " ", "#", "#", "#" },				/* ASCII */
		{ " ", "\u2584", "\u2580", "\u2588" }		/* ▄ ▀ █ */
	};
	const struct glyph	*g;
	int			 gw, r, c, cell, maxy, maxx, x0 = x;

	if (px <= 0)
		return (0);
	getmaxyx(win, maxy, maxx);
	wattr_on(win, attr, NULL);
	for (; *s != '\0'; s++) {
		if ((g = glyph(*s)) == NULL)
			continue;
		gw = (int)strlen(g->row[0]) * px;
		for (r = 0; r < bigtext_rows(px); r++)
			for (c = 0; c < gw; c++) {
				/* The cell's upper and lower half-rows. */
				cell = (ink(g, 2 * r / px, c / px) ? 2 : 0) |
				    (ink(g, (2 * r + 1) / px, c / px) ? 1 : 0);
				if (cell == 0 || y + r >= maxy || x + c >= maxx ||
				    y + r < 0 || x + c < 0)
					continue;
				mvwaddstr(win, y + r, x + c,
				    blocks[ui_theme.utf8][cell]);
			}
		x += gw + px;
	}
	wattr_off(win, attr, NULL);
	return (x > x0 ? x - x0 - px : 0);
}
