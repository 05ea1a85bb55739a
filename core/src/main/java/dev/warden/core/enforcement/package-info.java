/**
 * The enforcement ladder as a pure planner: given a violation, how far its case has climbed, the
 * policy version and an instant, which step comes next and whether its time has come.
 */
@NullMarked
package dev.warden.core.enforcement;

import org.jspecify.annotations.NullMarked;
