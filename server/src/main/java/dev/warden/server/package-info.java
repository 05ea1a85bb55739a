/**
 * The Warden server: a Spring Boot application around core, packaged by feature. Each direct
 * sub-package is an application module; {@code ApplicationModulesTest} keeps them apart.
 */
@NullMarked
package dev.warden.server;

import org.jspecify.annotations.NullMarked;
