/* ilv-test-input.c: real pointer and key input for the window tests:
 * xdotool (XTest) on a private X server, and where things are on screen
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-test-input.h"

#include <math.h>
#include <stdarg.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "ilv-app-test.h"
#include "ilv-test-display.h"

/* xdotool: real input */

static gboolean xdotool_done;
static int xdotool_status;

static void
xdotool_exited_cb (GPid     pid,
                   int      status,
                   gpointer user_data)
{
  xdotool_status = status;
  xdotool_done = TRUE;
  g_spawn_close_pid (pid);
}

static gboolean
xdotool_exited (gpointer data)
{
  return xdotool_done;
}

/* Runs `xdotool ARGS…` (a command line, printf style) while the main
 * loop goes on, then lets GTK handle every event it caused: the X
 * server has them all once a round trip after the command is done. */
void
ilv_input_xdo (IlvWindow  *window,
               const char *format,
               ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;
  GPid pid;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  command = g_strconcat ("xdotool ", args, NULL);
  g_test_message ("%s", command);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_no_error (error);

  xdotool_done = FALSE;
  g_assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, xdotool_exited_cb, NULL);
  ilv_app_test_wait_until (xdotool_exited, NULL, command);
  g_assert_true (g_spawn_check_wait_status (xdotool_status, NULL));

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ilv_app_test_wait_frames (window, 2);
}

gulong
ilv_input_window_xid (IlvWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (GDK_IS_X11_SURFACE (surface))
    return (gulong) gdk_x11_surface_get_xid (surface);
#endif
  g_assert_not_reached ();
}

/* Where (x, y) of the timeline is on the window's X surface, for
 * `xdotool mousemove --window`. */
void
ilv_input_view_to_surface (IlvWindow *window,
                           double     x,
                           double     y,
                           int       *surface_x,
                           int       *surface_y)
{
  graphene_point_t point;
  double dx;
  double dy;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (ilv_app_test_get_view (window)), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  *surface_x = (int) round (point.x + dx);
  *surface_y = (int) round (point.y + dy);
}

/* The pointer to (x, y) of the timeline; a small move first, so that the
 * last event is a motion inside the view wherever the pointer was. */
void
ilv_input_move_to (IlvWindow *window,
                   double     x,
                   double     y)
{
  int sx;
  int sy;

  ilv_input_view_to_surface (window, x, y, &sx, &sy);
  ilv_input_xdo (window, "mousemove --window %lu %d %d mousemove --window %lu %d %d",
       ilv_input_window_xid (window), sx - 3, sy, ilv_input_window_xid (window), sx, sy);
}

/* The pointer to the middle of the window. */
void
ilv_input_move_to_middle (IlvWindow *window)
{
  double dx;
  double dy;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  ilv_input_xdo (window, "mousemove --window %lu %d %d", ilv_input_window_xid (window),
       (int) (dx + gtk_widget_get_width (GTK_WIDGET (window)) / 2),
       (int) (dy + gtk_widget_get_height (GTK_WIDGET (window)) / 2));
}

/* Button 1 pressed at x0, moved in steps to x1, released; at height y. */
void
ilv_input_drag (IlvWindow *window,
                double     x0,
                double     x1,
                double     y)
{
  g_autoptr(GString) steps = g_string_new (NULL);
  gulong xid = ilv_input_window_xid (window);
  int sx;
  int sy;

  for (int i = 1; i <= 8; i++)
    {
      ilv_input_view_to_surface (window, x0 + (x1 - x0) * i / 8, y, &sx, &sy);
      g_string_append_printf (steps, " mousemove --window %lu %d %d sleep 0.02", xid, sx, sy);
    }
  ilv_input_move_to (window, x0, y);
  ilv_input_xdo (window, "mousedown 1 sleep 0.05%s mouseup 1", steps->str);
}

/* The timeline's geometry */

IlvTimelineModel *
ilv_input_get_model (IlvWindow *window)
{
  return ilv_timeline_view_get_model (ilv_app_test_get_view (window));
}

void
ilv_input_plot_area (IlvWindow *window,
                     IlvRect   *plot)
{
  ilv_timeline_layout_get_plot_area (ilv_timeline_view_get_layout (ilv_app_test_get_view (window)), plot);
}

gint
ilv_input_find_lane (IlvWindow  *window,
                     const char *label)
{
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));

  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);

      if (row->kind == ILV_ROW_LANE && g_strcmp0 (row->label, label) == 0)
        return i;
    }

  g_error ("No lane %s on the timeline", label);
}

/* The middle height of a lane's state bar. */
double
ilv_input_lane_y (IlvWindow  *window,
                  const char *label)
{
  IlvRect bar;

  ilv_timeline_layout_get_bar_rect (ilv_timeline_view_get_layout (ilv_app_test_get_view (window)),
                                    ilv_input_find_lane (window, label), &bar);
  return bar.y + bar.height / 2;
}

double
ilv_input_ns_per_px (IlvWindow *window)
{
  gint64 start;
  gint64 end;
  IlvRect plot;

  ilv_timeline_model_get_visible (ilv_input_get_model (window), &start, &end);
  ilv_input_plot_area (window, &plot);
  return (double) (end - start) / plot.width;
}

gint64
ilv_input_visible_width (IlvWindow *window)
{
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (ilv_input_get_model (window), &start, &end);
  return end - start;
}

gint64
ilv_input_visible_start (IlvWindow *window)
{
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (ilv_input_get_model (window), &start, &end);
  return start;
}

gboolean
ilv_input_width_changed (gpointer data)
{
  IlvInputVisible *v = data;

  return ilv_input_visible_width (v->window) != v->width;
}

gboolean
ilv_input_start_changed (gpointer data)
{
  IlvInputVisible *v = data;

  return ilv_input_visible_start (v->window) != v->width;
}

/* Starts the private X server (with a window manager where there is
 * one) and GTK on it; without xdotool, Xvfb or X11, prints the plan of a
 * program that skips all its tests and returns FALSE. */
gboolean
ilv_input_init (int    *argc,
                char ***argv)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *skip_reason = NULL;

  if (xdotool == NULL)
    {
      g_print ("1..0 # SKIP xdotool is not installed\n");
      return FALSE;
    }
  /* The pointer moves and keys are pressed on a server of our own, under
   * a window manager where there is one, never on the user's desktop. */
  if (!ilv_test_display_start (TRUE, &skip_reason))
    {
      /* Without a window manager, keys go where the pointer is. */
      g_clear_pointer (&skip_reason, g_free);
      if (!ilv_test_display_start (FALSE, &skip_reason))
        {
          g_print ("1..0 # SKIP %s\n", skip_reason);
          return FALSE;
        }
    }

  gtk_test_init (argc, argv, NULL);
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_print ("1..0 # SKIP the display is not X11\n");
  ilv_test_display_stop ();
  return FALSE;
}
