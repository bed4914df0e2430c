package io.chatspace.rooms;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.accounts.Account;
import io.chatspace.support.ChatSpaceException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page (direct conversations, rooms, people, the create form) and the room page.
 * Unread counts, online state and the people list are filled in and kept live by the
 * pages' scripts.
 */
@Controller
class RoomPages {

	private final Rooms rooms;

	private final DirectRooms directRooms;

	RoomPages(Rooms rooms, DirectRooms directRooms) {
		this.rooms = rooms;
		this.directRooms = directRooms;
	}

	@GetMapping("/")
	String home(Model model, Account me) {
		homeModel(model, me);
		return "home";
	}

	@PostMapping("/rooms")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "public") String kind,
			Model model, Account me, HttpServletResponse response) {
		try {
			Room room = rooms.create(name, "private".equals(kind) ? RoomKind.PRIVATE : RoomKind.PUBLIC, me);
			return "redirect:/rooms/" + room.slug();
		}
		catch (ChatSpaceException ex) {
			response.setStatus(ex.code().httpStatus());
			homeModel(model, me);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("existingSlug", ex.details().get("slug"));
			model.addAttribute("name", name);
			return "home";
		}
	}

	@GetMapping("/rooms/{slug}")
	String room(@PathVariable String slug, Model model, Account me, HttpServletResponse response) {
		try {
			Room room = rooms.requireAccessible(slug, me);
			String with = directRooms.partner(room, me).orElse(null);
			model.addAttribute("username", me.username());
			model.addAttribute("room", room);
			model.addAttribute("title", with != null ? with : room.name());
			model.addAttribute("with", with);
			model.addAttribute("owner", RoomMembers.isOwner(room, me));
			return "room";
		}
		catch (ChatSpaceException ex) {
			response.setStatus(ex.code().httpStatus());
			model.addAttribute("username", me.username());
			model.addAttribute("message", ex.getMessage());
			return "problem";
		}
	}

	private void homeModel(Model model, Account me) {
		List<Room> visible = rooms.visibleTo(me);
		Map<Long, String> partners = directRooms.partners(me);
		model.addAttribute("username", me.username());
		model.addAttribute("rooms", visible.stream().filter(r -> r.kind() != RoomKind.DIRECT).toList());
		model.addAttribute("directs",
				visible.stream()
					.filter(r -> r.kind() == RoomKind.DIRECT && partners.containsKey(r.id()))
					.map(r -> new DirectEntry(r.slug(), partners.get(r.id())))
					.sorted(Comparator.comparing(d -> d.with().toLowerCase(java.util.Locale.ROOT)))
					.toList());
	}

	/** A direct conversation on the home page: its slug and the other member. */
	record DirectEntry(String slug, String with) {
	}

}
