/*
 * The themes' colours, judged as WCAG 2.x does: the contrast ratio of
 * each role's text colour and its background, from the relative
 * luminance of xterm's 256-colour palette (the 16 system colours as xterm
 * defines them, the 6x6x6 cube, the grey ramp), must be 4.5 at least, for
 * the 256-colour pairs and the 8-colour fallback alike. Every role has a
 * cue that is not colour, in every theme.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/ui.h"
#include "../../src/ui/ui_int.h"
#include "suites.h"

#define WCAG_AA		4.5

/* xterm's 16 system colours (its defaults, XTerm-col.ad). */
static const unsigned xterm16[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd,
	0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff,
	0x00ffff, 0xffffff
};

/* The RGB of xterm colour i, 0..255. */
static unsigned
xterm_rgb(int i)
{
	static const int	level[6] = { 0, 95, 135, 175, 215, 255 };
	int			g;

	ck_assert_int_ge(i, 0);
	ck_assert_int_le(i, 255);
	if (i < 16)
		return (xterm16[i]);
	if (i < 232) {
		i -= 16;
		return ((unsigned)(level[i / 36] << 16 | level[i / 6 % 6] << 8 |
		    level[i % 6]));
	}
	g = 8 + 10 * (i - 232);
	return ((unsigned)(g << 16 | g << 8 | g));
}

/* WCAG 2.x relative luminance of an sRGB colour. */
static double
luminance(unsigned rgb)
{
	double	c[3];
	int	k;

	for (k = 0; k < 3; k++) {
		c[k] = ((rgb >> (16 - 8 * k)) & 0xff) / 255.0;
		c[k] = c[k] <= 0.03928 ? c[k] / 12.92 :
		    pow((c[k] + 0.055) / 1.055, 2.4);
	}
	return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]);
}

static double
contrast(int a, int b)
{
	double	la = luminance(xterm_rgb(a)), lb = luminance(xterm_rgb(b));

	return (la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05));
}

START_TEST(the_formula_matches_known_ratios)
{
	/* Black on white is 21, a colour on itself 1, and WCAG's own
	 * example pairs: #777777 on white just under 4.5. */
	ck_assert_double_eq_tol(contrast(16, 231), 21.0, 0.01);
	ck_assert_double_eq_tol(contrast(124, 124), 1.0, 0.001);
	ck_assert_double_eq_tol(luminance(0x777777) , 0.1845, 0.001);
	/* Yellow text on white: what a light theme must never do. */
	ck_assert(contrast(11, 15) < WCAG_AA);
	ck_assert(contrast(226, 231) < WCAG_AA);
	/* xterm-256 layout: 196 is the cube's pure red, 244 a mid grey. */
	ck_assert_uint_eq(xterm_rgb(196), 0xff0000);
	ck_assert_uint_eq(xterm_rgb(244), 0x808080);
	ck_assert_uint_eq(xterm_rgb(4), 0x0000ee);
}
END_TEST

/* The colours a role is drawn in: the theme's defaults stand for -1, and
 * reverse video swaps them. */
static void
role_pair(const struct theme_def *t, int r, bool c8, int *fg, int *bg)
{
	const struct theme_role	*p = &t->role[r];

	*fg = c8 ? p->fg8 : p->fg;
	*bg = c8 ? p->bg8 : p->bg;
	if (*fg == -1)
		*fg = c8 ? t->def_fg8 : t->def_fg;
	if (*bg == -1)
		*bg = c8 ? t->def_bg8 : t->def_bg;
	if (p->attr & A_REVERSE) {
		int	x = *fg;

		*fg = *bg;
		*bg = x;
	}
}

START_TEST(every_role_of_every_theme_has_contrast)
{
	const struct theme_def	*t;
	double			 c;
	int			 i, r, fg, bg, bad = 0, c8;

	for (i = 0; i < theme_ndefs; i++) {
		t = &theme_defs[i];
		if (!t->color)
			continue;	/* the terminal's own colours */
		for (c8 = 0; c8 < 2; c8++)
			for (r = 0; r < UI_NROLES; r++) {
				role_pair(t, r, c8, &fg, &bg);
				/* 8 colours: indexes 0..7 only. */
				if (c8 && (fg > 7 || bg > 7)) {
					fprintf(stderr, "theme %s role %d: "
					    "colour %d/%d is not one of 8\n",
					    t->name, r, fg, bg);
					bad++;
					continue;
				}
				c = contrast(fg, bg);
				if (c < WCAG_AA) {
					fprintf(stderr, "theme %s role %d (%s): "
					    "%d on %d has contrast %.2f < %.1f\n",
					    t->name, r, c8 ? "8 colours" : "256",
					    fg, bg, c, WCAG_AA);
					bad++;
				}
				/* Dim text's colour is the terminal's guess. */
				if (t->role[r].attr & A_DIM) {
					fprintf(stderr, "theme %s role %d: "
					    "A_DIM in a colour theme\n", t->name, r);
					bad++;
				}
			}
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(light_has_no_yellow_or_cyan_text)
{
	const struct theme_def	*t = &theme_defs[ui_theme_find("light")];
	int			 r, fg, bg, c8;
	unsigned		 rgb;

	for (c8 = 0; c8 < 2; c8++)
		for (r = 0; r < UI_NROLES; r++) {
			role_pair(t, r, c8, &fg, &bg);
			if (bg != (c8 ? t->def_bg8 : t->def_bg))
				continue;	/* on a band of its own */
			rgb = xterm_rgb(fg);
			/* Yellow: red and green high, blue low; cyan: green
			 * and blue high, red low. */
			ck_assert_msg(!((rgb >> 16) > 0xa0 && (rgb >> 8 & 0xff) >
			    0xa0 && (rgb & 0xff) < 0x80), "role %d yellow", r);
			ck_assert_msg(!((rgb >> 16) < 0x80 && (rgb >> 8 & 0xff) >
			    0xa0 && (rgb & 0xff) > 0xa0), "role %d cyan", r);
		}
}
END_TEST

START_TEST(colour_is_never_the_only_cue)
{
	const attr_t	shape = A_BOLD | A_UNDERLINE | A_REVERSE | A_DIM |
			    A_STANDOUT;
	int		i, r;

	for (i = 0; i < theme_ndefs; i++)
		for (r = 0; r < UI_NROLES; r++)
			ck_assert_msg((theme_defs[i].role[r].attr & shape) != 0 ||
			    theme_cue[r] != NULL, "theme %s role %d: colour is "
			    "its only cue", theme_defs[i].name, r);
	/* And mono tells full from empty without colour. */
	i = ui_theme_find("mono");
	ck_assert(theme_defs[i].role[UI_FULL].attr !=
	    theme_defs[i].role[UI_EMPTY].attr);
}
END_TEST

START_TEST(themes_are_found_by_name)
{
	ck_assert_int_ge(ui_theme_find("dark"), 0);
	ck_assert_int_ge(ui_theme_find("light"), 0);
	ck_assert_int_ge(ui_theme_find("projector"), 0);
	ck_assert_int_ge(ui_theme_find("mono"), 0);
	ck_assert_int_eq(ui_theme_find("Dark"), -1);
	ck_assert_int_eq(ui_theme_find(""), -1);
	ck_assert_str_eq(ui_theme_names(), "dark, light, projector, mono");
}
END_TEST

Suite *
suite_theme(void)
{
	Suite	*s = suite_create("theme");
	TCase	*tc = tcase_create("contrast");

	tcase_add_test(tc, the_formula_matches_known_ratios);
	tcase_add_test(tc, every_role_of_every_theme_has_contrast);
	tcase_add_test(tc, light_has_no_yellow_or_cyan_text);
	tcase_add_test(tc, colour_is_never_the_only_cue);
	tcase_add_test(tc, themes_are_found_by_name);
	suite_add_tcase(s, tc);
	return (s);
}
