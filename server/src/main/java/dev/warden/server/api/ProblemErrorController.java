package dev.warden.server.api;

import dev.warden.server.shared.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Errors raised outside the controllers (unknown paths, filters, the container) reach {@code /error}:
 * browsers get a page, everything else a problem document, never a stack trace.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden // not an operation of the API: where failed requests end
@PublicEndpoint("error responses for requests that already failed")
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, Model model) {
        int status = status(request);
        ProblemType type = ProblemType.forStatus(status);
        model.addAttribute("title", type.title());
        model.addAttribute("detail", detail(request, status, type));
        return "error";
    }

    @RequestMapping("/error")
    @ResponseBody
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        int status = status(request);
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail(request, status, type));
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    // Asked for directly (no error being forwarded), /error is just a path with nothing at it.
    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer i ? i : 404;
    }

    private static String detail(HttpServletRequest request, int status, ProblemType type) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object uri = forwarded != null ? forwarded : request.getRequestURI();
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == 404) {
            return "There is nothing at " + uri;
        }
        if (status == 403 && exception instanceof dev.warden.server.shared.ForbiddenException f) {
            return String.valueOf(f.getMessage());
        }
        return type.title();
    }
}
