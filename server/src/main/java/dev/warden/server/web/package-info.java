/**
 * The browser interface: the operator console and the partner portal, server-rendered with Thymeleaf
 * on the same facades and permissions as the REST API. A partner's people see only their own partner.
 */
@NullMarked
package dev.warden.server.web;

import org.jspecify.annotations.NullMarked;
