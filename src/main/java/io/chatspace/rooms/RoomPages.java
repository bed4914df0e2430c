package io.chatspace.rooms;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The home page (room list and create form) and the room page. */
@Controller
class RoomPages {

	private final Rooms rooms;

	private final Accounts accounts;

	RoomPages(Rooms rooms, Accounts accounts) {
		this.rooms = rooms;
		this.accounts = accounts;
	}

	@GetMapping("/")
	String home(Model model, Principal principal) {
		Account me = caller(principal);
		model.addAttribute("username", me.username());
		model.addAttribute("rooms", rooms.visibleTo(me));
		return "home";
	}

	@PostMapping("/rooms")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "public") String kind,
			Model model, Principal principal, HttpServletResponse response) {
		Account me = caller(principal);
		try {
			Room room = rooms.create(name, "private".equals(kind) ? RoomKind.PRIVATE : RoomKind.PUBLIC, me);
			return "redirect:/rooms/" + room.slug();
		}
		catch (ChatSpaceException ex) {
			response.setStatus(ex.code().httpStatus());
			model.addAttribute("username", me.username());
			model.addAttribute("rooms", rooms.visibleTo(me));
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("existingSlug", ex.details().get("slug"));
			model.addAttribute("name", name);
			return "home";
		}
	}

	@GetMapping("/rooms/{slug}")
	String room(@PathVariable String slug, Model model, Principal principal, HttpServletResponse response) {
		Account me = caller(principal);
		try {
			Room room = rooms.requireAccessible(slug, me);
			model.addAttribute("username", me.username());
			model.addAttribute("room", room);
			model.addAttribute("owner", room.ownerId() != null && room.ownerId() == me.id());
			return "room";
		}
		catch (ChatSpaceException ex) {
			response.setStatus(ex.code().httpStatus());
			model.addAttribute("username", me.username());
			model.addAttribute("message", ex.getMessage());
			return "problem";
		}
	}

	private Account caller(Principal principal) {
		return accounts.findByUsername(principal.getName()).orElseThrow();
	}

}
