package io.chatspace.audit;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.Account;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.ChatSpaceException;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /rooms/{slug}/audit}: the room's audit log as a page for its owner (rendered on
 * the server; "older" pages with {@code ?before=}).
 */
@Controller
class AuditPages {

	private static final int PAGE = 50;

	private final AuditLog auditLog;

	private final Rooms rooms;

	AuditPages(AuditLog auditLog, Rooms rooms) {
		this.auditLog = auditLog;
		this.rooms = rooms;
	}

	@GetMapping("/rooms/{slug}/audit")
	String audit(@PathVariable String slug, @RequestParam(required = false) String before, Model model, Account me,
			HttpServletResponse response) {
		model.addAttribute("username", me.username());
		try {
			Room room = AuditController.requireOwner(rooms, slug, me);
			List<AuditEvent> page = auditLog.before(room.id(), AuditController.cursor(before), PAGE + 1);
			boolean more = page.size() > PAGE;
			List<AuditEvent> shown = more ? page.subList(0, PAGE) : page;
			model.addAttribute("room", room);
			model.addAttribute("events", shown);
			model.addAttribute("older", more ? shown.getLast().id() : null);
			return "audit";
		}
		catch (ChatSpaceException ex) {
			response.setStatus(ex.code().httpStatus());
			model.addAttribute("message", ex.getMessage());
			return "problem";
		}
		catch (DataAccessException ex) {
			response.setStatus(503);
			model.addAttribute("message", "the audit log is unavailable; retry later");
			return "problem";
		}
	}

}
